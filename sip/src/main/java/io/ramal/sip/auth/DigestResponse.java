package io.ramal.sip.auth;

/**
 * The request-digest computation of RFC 2617 §3.2.2.1 / RFC 7616 §3.4.1 for {@code qop=auth} and
 * for the RFC 2069 form without {@code qop}. {@code HA2 = H(method ":" uri)}.
 */
final class DigestResponse {

  private DigestResponse() {}

  /** {@code H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2)}. */
  static String withQop(
      DigestAlgorithm algorithm,
      String ha1,
      String nonce,
      String nc,
      String cnonce,
      String qop,
      String method,
      String uri) {
    String ha2 = algorithm.hash(method + ":" + uri);
    return algorithm.hash(
        String.join(":", DigestAlgorithm.lowerHex(ha1), nonce, nc, cnonce, qop, ha2));
  }

  /** {@code H(HA1 ":" nonce ":" HA2)}. */
  static String withoutQop(
      DigestAlgorithm algorithm, String ha1, String nonce, String method, String uri) {
    String ha2 = algorithm.hash(method + ":" + uri);
    return algorithm.hash(String.join(":", DigestAlgorithm.lowerHex(ha1), nonce, ha2));
  }
}
