package io.ramal.sip.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A digest challenge, the value of a {@code WWW-Authenticate} (401) or {@code
 * Proxy-Authenticate} (407) header.
 *
 * <p>Parameters we do not interpret ({@code domain}, {@code charset}, {@code userhash}, unknown
 * extensions) are ignored when parsing and never written.
 *
 * @param realm protection space, shown to users and mixed into HA1
 * @param nonce server-chosen opaque value the response is bound to
 * @param opaque value a client must echo unchanged, if the server sent one
 * @param algorithm hash algorithm; MD5 when the header names none
 * @param qop offered quality-of-protection options in lower case (e.g. {@code auth}); empty for an
 *     RFC 2069 style challenge without {@code qop}
 * @param stale whether the previous request was refused only because its nonce had expired
 */
public record DigestChallenge(
    String realm,
    String nonce,
    Optional<String> opaque,
    DigestAlgorithm algorithm,
    List<String> qop,
    boolean stale) {

  /** The only quality of protection we speak; {@code auth-int} is never offered or answered. */
  public static final String QOP_AUTH = "auth";

  public DigestChallenge {
    DigestParams.requireHeaderSafe(Objects.requireNonNull(realm, "realm"), "realm");
    DigestParams.requireHeaderSafe(Objects.requireNonNull(nonce, "nonce"), "nonce");
    if (nonce.isEmpty()) {
      throw new IllegalArgumentException("nonce must not be empty");
    }
    Objects.requireNonNull(opaque, "opaque")
        .ifPresent(value -> DigestParams.requireHeaderSafe(value, "opaque"));
    Objects.requireNonNull(algorithm, "algorithm");
    qop = List.copyOf(qop);
    for (String option : qop) {
      DigestParams.requireToken(option, "qop option");
      if (!option.equals(option.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("qop options are lower case");
      }
    }
  }

  /** A server challenge offering {@code qop="auth"}, without opaque. */
  public static DigestChallenge of(
      String realm, String nonce, DigestAlgorithm algorithm, boolean stale) {
    return new DigestChallenge(realm, nonce, Optional.empty(), algorithm, List.of(QOP_AUTH), stale);
  }

  /** Whether the challenge lets the client answer with {@code qop=auth}. */
  public boolean offersQopAuth() {
    return qop.contains(QOP_AUTH);
  }

  /**
   * The header value, e.g. {@code Digest realm="pbx", nonce="…", algorithm=MD5, qop="auth",
   * stale=TRUE}; {@code opaque}, {@code qop} and {@code stale} appear only when set.
   */
  public String toHeaderValue() {
    StringBuilder out = new StringBuilder(DigestParams.SCHEME);
    out.append(" realm=").append(DigestParams.quote(realm));
    out.append(", nonce=").append(DigestParams.quote(nonce));
    opaque.ifPresent(value -> out.append(", opaque=").append(DigestParams.quote(value)));
    out.append(", algorithm=").append(algorithm.token());
    if (!qop.isEmpty()) {
      out.append(", qop=").append(DigestParams.quote(String.join(",", qop)));
    }
    if (stale) {
      out.append(", stale=TRUE");
    }
    return out.toString();
  }

  /**
   * Parses a {@code WWW-Authenticate} / {@code Proxy-Authenticate} value. Fails when it is not a
   * Digest challenge, lacks realm or nonce, or names an algorithm we cannot compute.
   */
  public static DigestResult<DigestChallenge> parse(CharSequence headerValue) {
    Objects.requireNonNull(headerValue, "headerValue");
    return switch (DigestParams.parse(headerValue)) {
      case DigestResult.Failure<Map<String, String>> failure ->
          DigestResult.failure(failure.reason());
      case DigestResult.Success<Map<String, String>>(Map<String, String> params) ->
          fromParams(params);
    };
  }

  /**
   * The challenge to answer among several {@code WWW-Authenticate} (or {@code
   * Proxy-Authenticate}) values of one response: the strongest algorithm we support wins (SHA-256
   * over MD5, RFC 8760 §2.4), ties go to the earlier header. Values that do not parse are skipped.
   */
  public static Optional<DigestChallenge> strongest(
      Collection<? extends CharSequence> headerValues) {
    DigestChallenge best = null;
    for (CharSequence headerValue : headerValues) {
      Optional<DigestChallenge> parsed = parse(headerValue).value();
      if (parsed.isPresent()
          && (best == null || parsed.get().algorithm().ordinal() > best.algorithm().ordinal())) {
        best = parsed.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private static DigestResult<DigestChallenge> fromParams(Map<String, String> params) {
    String realm = params.get("realm");
    if (realm == null) {
      return DigestResult.failure("challenge lacks realm");
    }
    String nonce = params.get("nonce");
    if (nonce == null || nonce.isEmpty()) {
      return DigestResult.failure("challenge lacks nonce");
    }
    DigestAlgorithm algorithm = DigestAlgorithm.MD5;
    String algorithmToken = params.get("algorithm");
    if (algorithmToken != null) {
      Optional<DigestAlgorithm> known = DigestAlgorithm.fromToken(algorithmToken);
      if (known.isEmpty()) {
        return DigestResult.failure("unsupported algorithm in challenge");
      }
      algorithm = known.get();
    }
    List<String> qop = new ArrayList<>();
    String qopValue = params.get("qop");
    if (qopValue != null) {
      for (String option : qopValue.split(",", -1)) {
        String trimmed = option.strip().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
          continue;
        }
        if (!isToken(trimmed)) {
          return DigestResult.failure("malformed qop option in challenge");
        }
        if (!qop.contains(trimmed)) {
          qop.add(trimmed);
        }
      }
    }
    boolean stale = "true".equalsIgnoreCase(params.getOrDefault("stale", "false"));
    return DigestResult.success(
        new DigestChallenge(
            realm, nonce, Optional.ofNullable(params.get("opaque")), algorithm, qop, stale));
  }

  private static boolean isToken(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!DigestParams.isTokenChar(text.charAt(i))) {
        return false;
      }
    }
    return !text.isEmpty();
  }
}
