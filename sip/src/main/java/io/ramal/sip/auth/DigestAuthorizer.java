package io.ramal.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Client side of digest authentication for one account, e.g. the PBX's account at a SIP trunk:
 * answers a 401/407 challenge with an {@code Authorization} / {@code Proxy-Authorization} value.
 *
 * <p>When the challenge offers {@code qop=auth} the answer uses it, with a fresh client nonce per
 * request and a nonce count that increases with each request answered for the same server
 * nonce, so the nonce can be reused (e.g. for re-registrations) without a new challenge. A
 * challenge without {@code qop} is answered the RFC 2069 way. A challenge that only offers
 * {@code auth-int} cannot be answered.
 *
 * <p>Thread-safe. {@link #toString()} never shows the password.
 */
public final class DigestAuthorizer {

  private static final int REMEMBERED_NONCES = 16;
  private static final long MAX_NONCE_COUNT = 0xffff_ffffL;

  private final String username;
  private final String password;
  private final Supplier<String> cnonces;
  private final Map<String, Long> counts =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > REMEMBERED_NONCES;
        }
      };

  /** An authorizer drawing client nonces from a {@link SecureRandom}. */
  public DigestAuthorizer(String username, String password) {
    this(username, password, randomCnonces());
  }

  /**
   * @param cnonces source of client nonces (non-empty, without control characters)
   */
  public DigestAuthorizer(String username, String password, Supplier<String> cnonces) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
    if (username.isEmpty()) {
      throw new IllegalArgumentException("username must not be empty");
    }
    DigestParams.requireHeaderSafe(username, "username");
  }

  public String username() {
    return username;
  }

  /**
   * Credentials answering {@code challenge} for a request; send {@link
   * DigestCredentials#toHeaderValue()} in {@code Authorization} (after a 401) or {@code
   * Proxy-Authorization} (after a 407).
   *
   * @param method the request's method (INVITE, REGISTER, …)
   * @param uri the request's Request-URI, as written on the request line
   */
  public synchronized DigestResult<DigestCredentials> authorize(
      DigestChallenge challenge, String method, String uri) {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    DigestAlgorithm algorithm = challenge.algorithm();
    String ha1 = algorithm.ha1(username, challenge.realm(), password);
    if (challenge.qop().isEmpty()) {
      String response =
          DigestResponse.withoutQop(algorithm, ha1, challenge.nonce(), method, uri);
      return DigestResult.success(
          credentials(challenge, uri, response, Optional.empty(), Optional.empty()));
    }
    if (!challenge.offersQopAuth()) {
      return DigestResult.failure("challenge requires a qop other than auth");
    }
    long count = counts.getOrDefault(challenge.nonce(), 0L) + 1;
    if (count > MAX_NONCE_COUNT) {
      return DigestResult.failure("nonce count exhausted; a new challenge is needed");
    }
    counts.remove(challenge.nonce());
    counts.put(challenge.nonce(), count);
    String nc = String.format(Locale.ROOT, "%08x", count);
    String cnonce = Objects.requireNonNull(cnonces.get(), "cnonce");
    String response =
        DigestResponse.withQop(
            algorithm, ha1, challenge.nonce(), nc, cnonce, DigestChallenge.QOP_AUTH, method, uri);
    return DigestResult.success(
        credentials(challenge, uri, response, Optional.of(cnonce), Optional.of(nc)));
  }

  private DigestCredentials credentials(
      DigestChallenge challenge,
      String uri,
      String response,
      Optional<String> cnonce,
      Optional<String> nc) {
    return new DigestCredentials(
        username,
        challenge.realm(),
        challenge.nonce(),
        uri,
        response,
        challenge.algorithm().token(),
        cnonce,
        nc.map(unused -> DigestChallenge.QOP_AUTH),
        nc,
        challenge.opaque());
  }

  private static Supplier<String> randomCnonces() {
    SecureRandom random = new SecureRandom();
    return () -> {
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      return HexFormat.of().formatHex(bytes);
    };
  }

  @Override
  public String toString() {
    return "DigestAuthorizer[username=" + username + "]";
  }
}
