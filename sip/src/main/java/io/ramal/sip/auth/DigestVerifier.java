package io.ramal.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Server side of SIP digest authentication: builds challenges and verifies credentials against a
 * stored HA1, with nonce lifetime and replay protection from a {@link NonceIssuer}.
 *
 * <p>Offered algorithms are configurable because many phones (SIPp, baresip, older hardware) only
 * answer MD5 and some fail on a SHA-256 challenge; the default is MD5 only. When several are
 * offered, {@link #challenges} lists SHA-256 first, one header each (RFC 8760 §2.4). Credentials
 * using an algorithm that is not offered are refused.
 *
 * <p>The digest-uri is not compared with the Request-URI, because proxies and NAT-fixing
 * middleboxes rewrite it; the nonce count keeps a captured response from being reused.
 *
 * <p>Order of judgement: realm, algorithm, stored HA1 and qop first (no hashing needed); then
 * the response digest, compared in constant time. A wrong response is {@link
 * DigestOutcome.Reason#WRONG_RESPONSE} (or {@link DigestOutcome.Reason#INVALID_NONCE} when the
 * nonce is not ours either). A correct response is {@link DigestOutcome.Stale} when its nonce is
 * expired, not ours (e.g. signed before a restart with another secret), an RFC 2069 nonce used
 * again, or no longer remembered; it is {@link DigestOutcome.Reason#REPLAYED} when its {@code nc}
 * did not increase; otherwise it is {@link DigestOutcome.Accepted}.
 *
 * <p>Unknown users: callers should answer them exactly like a wrong password (and count them in
 * the {@link CredentialGuard}) so that user names cannot be enumerated.
 */
public final class DigestVerifier {

  private final NonceIssuer nonces;
  private final Set<DigestAlgorithm> offered;

  /** A verifier offering MD5 only. */
  public DigestVerifier(NonceIssuer nonces) {
    this(nonces, EnumSet.of(DigestAlgorithm.MD5));
  }

  /**
   * @param nonces issues and checks nonces
   * @param offered algorithms to challenge with and accept; not empty
   */
  public DigestVerifier(NonceIssuer nonces, Set<DigestAlgorithm> offered) {
    this.nonces = Objects.requireNonNull(nonces, "nonces");
    Objects.requireNonNull(offered, "offered");
    if (offered.isEmpty()) {
      throw new IllegalArgumentException("offer at least one algorithm");
    }
    this.offered = Collections.unmodifiableSet(EnumSet.copyOf(offered));
  }

  public Set<DigestAlgorithm> offered() {
    return offered;
  }

  /**
   * Challenges for {@code realm} with a new nonce, one per offered algorithm, strongest first:
   * send each as its own {@code WWW-Authenticate} (or {@code Proxy-Authenticate}) header.
   *
   * @param stale whether the request being answered was refused only for a stale nonce
   */
  public List<DigestChallenge> challenges(String realm, boolean stale) {
    String nonce = nonces.issue(realm);
    List<DigestChallenge> challenges = new ArrayList<>(offered.size());
    List<DigestAlgorithm> strongestFirst = new ArrayList<>(offered);
    Collections.reverse(strongestFirst);
    for (DigestAlgorithm algorithm : strongestFirst) {
      challenges.add(DigestChallenge.of(realm, nonce, algorithm, stale));
    }
    return List.copyOf(challenges);
  }

  /**
   * Verifies credentials for one request.
   *
   * @param method the request method whose credentials these are (for CANCEL and ACK, the one
   *     RFC 3261 §22.1 says the client used)
   * @param credentials parsed {@code Authorization} / {@code Proxy-Authorization}
   * @param realm the realm protecting this request
   * @param stored the user's stored HA1 values
   */
  public DigestOutcome verify(
      String method, DigestCredentials credentials, String realm, StoredHa1 stored) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(stored, "stored");
    if (!credentials.realm().equals(realm)) {
      return rejected(DigestOutcome.Reason.WRONG_REALM);
    }
    Optional<DigestAlgorithm> algorithm = credentials.knownAlgorithm();
    if (algorithm.isEmpty() || !offered.contains(algorithm.get())) {
      return rejected(DigestOutcome.Reason.UNSUPPORTED_ALGORITHM);
    }
    Optional<String> ha1 = stored.forAlgorithm(algorithm.get());
    if (ha1.isEmpty()) {
      return rejected(DigestOutcome.Reason.MISSING_HA1);
    }
    boolean withQop = credentials.qop().isPresent();
    if (withQop && !credentials.qop().get().equalsIgnoreCase(DigestChallenge.QOP_AUTH)) {
      return rejected(DigestOutcome.Reason.UNSUPPORTED_QOP);
    }
    NonceValidity validity = nonces.check(credentials.nonce(), realm);
    if (!responseMatches(method, credentials, algorithm.get(), ha1.get())) {
      return rejected(
          validity instanceof NonceValidity.Invalid
              ? DigestOutcome.Reason.INVALID_NONCE
              : DigestOutcome.Reason.WRONG_RESPONSE);
    }
    return switch (validity) {
      // The client proved it knows the password for a nonce we cannot vouch for (signed with a
      // previous secret, say, before a restart): let it retry with a fresh one.
      case NonceValidity.Invalid invalid -> new DigestOutcome.Stale();
      case NonceValidity.Expired expired -> new DigestOutcome.Stale();
      case NonceValidity.Valid valid -> {
        OptionalLong count = withQop ? credentials.nonceCount() : OptionalLong.empty();
        yield switch (nonces.recordUse(credentials.nonce(), valid.issuedAt(), count)) {
          case FRESH -> new DigestOutcome.Accepted(credentials.username());
          case FORGOTTEN -> new DigestOutcome.Stale();
          case REPEATED ->
              withQop ? rejected(DigestOutcome.Reason.REPLAYED) : new DigestOutcome.Stale();
        };
      }
    };
  }

  private static boolean responseMatches(
      String method, DigestCredentials credentials, DigestAlgorithm algorithm, String ha1) {
    String expected =
        credentials.qop().isPresent()
            ? DigestResponse.withQop(
                algorithm,
                ha1,
                credentials.nonce(),
                credentials.nc().orElseThrow(),
                credentials.cnonce().orElseThrow(),
                credentials.qop().get(),
                method,
                credentials.uri())
            : DigestResponse.withoutQop(
                algorithm, ha1, credentials.nonce(), method, credentials.uri());
    byte[] given = credentials.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given);
  }

  private static DigestOutcome rejected(DigestOutcome.Reason reason) {
    return new DigestOutcome.Rejected(reason);
  }
}
