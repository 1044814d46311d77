package io.ramal.sip.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Digest credentials, the value of an {@code Authorization} or {@code Proxy-Authorization}
 * header.
 *
 * <p>The algorithm is kept as the token the client sent so that a verifier can refuse an
 * algorithm it does not know with a proper reason instead of a parse failure; {@link
 * #knownAlgorithm()} maps it. Values are kept exactly as sent, because the response hash covers
 * them textually.
 *
 * @param username claimed user name
 * @param realm realm the client answers for
 * @param nonce nonce from the challenge being answered
 * @param uri the {@code digest-uri} (in SIP, the Request-URI)
 * @param response the hex response digest
 * @param algorithm algorithm token as sent; {@code MD5} when absent
 * @param cnonce client nonce, present with {@code qop}
 * @param qop chosen quality of protection; absent for RFC 2069 style credentials
 * @param nc nonce count, eight hex digits, present with {@code qop}
 * @param opaque the challenge's opaque value, echoed
 */
public record DigestCredentials(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    Optional<String> cnonce,
    Optional<String> qop,
    Optional<String> nc,
    Optional<String> opaque) {

  public DigestCredentials {
    requireNonEmpty(username, "username");
    DigestParams.requireHeaderSafe(Objects.requireNonNull(realm, "realm"), "realm");
    requireNonEmpty(nonce, "nonce");
    requireNonEmpty(uri, "uri");
    requireNonEmpty(response, "response");
    DigestParams.requireToken(Objects.requireNonNull(algorithm, "algorithm"), "algorithm");
    Objects.requireNonNull(cnonce, "cnonce").ifPresent(value -> requireNonEmpty(value, "cnonce"));
    Objects.requireNonNull(qop, "qop").ifPresent(value -> DigestParams.requireToken(value, "qop"));
    Objects.requireNonNull(nc, "nc").ifPresent(DigestCredentials::requireNonceCount);
    Objects.requireNonNull(opaque, "opaque")
        .ifPresent(value -> DigestParams.requireHeaderSafe(value, "opaque"));
    if (qop.isPresent() && (cnonce.isEmpty() || nc.isEmpty())) {
      throw new IllegalArgumentException("qop requires cnonce and nc");
    }
  }

  /** The algorithm, if it is one we can compute. */
  public Optional<DigestAlgorithm> knownAlgorithm() {
    return DigestAlgorithm.fromToken(algorithm);
  }

  /** The nonce count as a number, when {@code nc} is present. */
  public OptionalLong nonceCount() {
    return nc.map(value -> OptionalLong.of(Long.parseLong(value, 16))).orElse(OptionalLong.empty());
  }

  /**
   * The header value, e.g. {@code Digest username="alice", realm="pbx", nonce="…",
   * uri="sip:pbx", response="…", algorithm=MD5, cnonce="…", qop=auth, nc=00000001}.
   */
  public String toHeaderValue() {
    StringBuilder out = new StringBuilder(DigestParams.SCHEME);
    out.append(" username=").append(DigestParams.quote(username));
    out.append(", realm=").append(DigestParams.quote(realm));
    out.append(", nonce=").append(DigestParams.quote(nonce));
    out.append(", uri=").append(DigestParams.quote(uri));
    out.append(", response=").append(DigestParams.quote(response));
    out.append(", algorithm=").append(algorithm);
    cnonce.ifPresent(value -> out.append(", cnonce=").append(DigestParams.quote(value)));
    opaque.ifPresent(value -> out.append(", opaque=").append(DigestParams.quote(value)));
    qop.ifPresent(value -> out.append(", qop=").append(value));
    nc.ifPresent(value -> out.append(", nc=").append(value));
    return out.toString();
  }

  /**
   * Parses an {@code Authorization} / {@code Proxy-Authorization} value. Fails (as a value) when
   * the syntax is broken, a required parameter is missing, {@code qop} comes without {@code
   * cnonce}/{@code nc}, {@code nc} is not eight hex digits, or the client hashed its user name
   * ({@code userhash=true}, RFC 7616 §3.4.4, not supported).
   */
  public static DigestResult<DigestCredentials> parse(CharSequence headerValue) {
    Objects.requireNonNull(headerValue, "headerValue");
    return switch (DigestParams.parse(headerValue)) {
      case DigestResult.Failure<Map<String, String>> failure ->
          DigestResult.failure(failure.reason());
      case DigestResult.Success<Map<String, String>>(Map<String, String> params) ->
          fromParams(params);
    };
  }

  private static DigestResult<DigestCredentials> fromParams(Map<String, String> params) {
    for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
      if (!params.containsKey(required)) {
        return DigestResult.failure("credentials lack " + required);
      }
    }
    if ("true".equalsIgnoreCase(params.get("userhash"))) {
      return DigestResult.failure("hashed user names are not supported");
    }
    try {
      return DigestResult.success(
          new DigestCredentials(
              params.get("username"),
              params.get("realm"),
              params.get("nonce"),
              params.get("uri"),
              params.get("response"),
              params.getOrDefault("algorithm", DigestAlgorithm.MD5.token()),
              Optional.ofNullable(params.get("cnonce")),
              Optional.ofNullable(params.get("qop")),
              Optional.ofNullable(params.get("nc")),
              Optional.ofNullable(params.get("opaque"))));
    } catch (IllegalArgumentException invalid) {
      return DigestResult.failure("invalid credentials: " + invalid.getMessage());
    }
  }

  private static void requireNonEmpty(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    DigestParams.requireHeaderSafe(value, what);
  }

  private static void requireNonceCount(String nc) {
    if (nc.length() != 8) {
      throw new IllegalArgumentException("nc must be eight hex digits");
    }
    for (int i = 0; i < nc.length(); i++) {
      char c = nc.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        throw new IllegalArgumentException("nc must be eight hex digits");
      }
    }
  }
}
