package io.ramal.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The digest hash algorithms we support: MD5 (RFC 2617, what most SIP phones speak) and SHA-256
 * (RFC 7616, RFC 8760). The {@code -sess} variants are deliberately not supported.
 *
 * <p>Constants are declared weakest first; challenge ordering relies on it.
 */
public enum DigestAlgorithm {
  MD5("MD5", "MD5"),
  SHA_256("SHA-256", "SHA-256");

  private final String token;
  private final String jcaName;

  DigestAlgorithm(String token, String jcaName) {
    this.token = token;
    this.jcaName = jcaName;
  }

  /** The value of the {@code algorithm} parameter, e.g. {@code SHA-256}. */
  public String token() {
    return token;
  }

  /** Length of a hex-encoded hash of this algorithm (32 for MD5, 64 for SHA-256). */
  public int hexLength() {
    return this == MD5 ? 32 : 64;
  }

  /** The algorithm named by an {@code algorithm} parameter value, compared case-insensitively. */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    Objects.requireNonNull(token, "token");
    for (DigestAlgorithm algorithm : values()) {
      if (algorithm.token.equalsIgnoreCase(token)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** Lower-case hex hash of the UTF-8 encoding of {@code text}. */
  public String hash(String text) {
    Objects.requireNonNull(text, "text");
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + jcaName, e);
    }
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code H(username ":" realm ":" password)}: what a server stores instead of a password. */
  public String ha1(String username, String realm, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(password, "password");
    return hash(username + ":" + realm + ":" + password);
  }

  /** Whether {@code hex} looks like a hash of this algorithm (right length, hex digits only). */
  boolean isHash(String hex) {
    if (hex.length() != hexLength()) {
      return false;
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hexDigit) {
        return false;
      }
    }
    return true;
  }

  static String lowerHex(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }
}
