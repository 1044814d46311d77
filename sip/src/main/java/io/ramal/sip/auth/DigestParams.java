package io.ramal.sip.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The syntax shared by {@code WWW-Authenticate}, {@code Proxy-Authenticate}, {@code
 * Authorization} and {@code Proxy-Authorization} values: the {@code Digest} scheme token
 * followed by a comma-separated list of {@code name=value} parameters (RFC 3261 §25.1, RFC 7616
 * §3.3).
 *
 * <p>Reading is lenient where real phones are sloppy (either quoted or bare values for any
 * parameter, linear white space including folded lines around every separator, empty list
 * elements, any case for the scheme and parameter names) and strict where it matters: an
 * unterminated quoted string, a duplicated parameter, control characters or stray characters
 * between parameters make the whole value malformed.
 */
final class DigestParams {

  static final String SCHEME = "Digest";
  private static final int MAX_PARAMS = 64;
  private static final int MAX_ECHO = 32;

  private DigestParams() {}

  /**
   * Parses {@code Digest name=value, ...} into a map from lower-case parameter name to the
   * unquoted, unescaped value, in the order of appearance.
   */
  static DigestResult<Map<String, String>> parse(CharSequence header) {
    String text = header.toString();
    int length = text.length();
    int i = skipSpace(text, 0);
    int schemeEnd = i;
    while (schemeEnd < length && isTokenChar(text.charAt(schemeEnd))) {
      schemeEnd++;
    }
    if (schemeEnd == i) {
      return DigestResult.failure("missing authentication scheme");
    }
    String scheme = text.substring(i, schemeEnd);
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      return DigestResult.failure("unsupported authentication scheme " + echo(scheme));
    }
    i = skipSpace(text, schemeEnd);
    if (i == schemeEnd && i < length) {
      return DigestResult.failure("expected white space after the Digest scheme");
    }
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      while (i < length && (text.charAt(i) == ',' || isSpace(text.charAt(i)))) {
        i++;
      }
      if (i == length) {
        break;
      }
      int nameStart = i;
      while (i < length && isTokenChar(text.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        return DigestResult.failure("expected a parameter name at offset " + i);
      }
      String name = text.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i = skipSpace(text, i);
      if (i == length || text.charAt(i) != '=') {
        return DigestResult.failure("expected '=' after parameter " + echo(name));
      }
      i = skipSpace(text, i + 1);
      if (i == length) {
        return DigestResult.failure("missing value for parameter " + echo(name));
      }
      StringBuilder value = new StringBuilder();
      if (text.charAt(i) == '"') {
        i = readQuoted(text, i + 1, value);
        if (i < 0) {
          return DigestResult.failure("malformed quoted value for parameter " + echo(name));
        }
      } else {
        int valueStart = i;
        while (i < length && text.charAt(i) != ',' && !isSpace(text.charAt(i))) {
          char c = text.charAt(i);
          if (c == '"' || isControl(c)) {
            return DigestResult.failure("malformed value for parameter " + echo(name));
          }
          i++;
        }
        if (i == valueStart) {
          return DigestResult.failure("missing value for parameter " + echo(name));
        }
        value.append(text, valueStart, i);
      }
      if (params.putIfAbsent(name, value.toString()) != null) {
        return DigestResult.failure("duplicate parameter " + echo(name));
      }
      if (params.size() > MAX_PARAMS) {
        return DigestResult.failure("too many parameters");
      }
      i = skipSpace(text, i);
      if (i < length && text.charAt(i) != ',') {
        return DigestResult.failure("expected ',' after parameter " + echo(name));
      }
    }
    if (params.isEmpty()) {
      return DigestResult.failure("no digest parameters");
    }
    return DigestResult.success(Collections.unmodifiableMap(params));
  }

  /**
   * Reads a quoted string whose opening quote precedes {@code start} into {@code out}; returns
   * the offset after the closing quote, or -1 when the string is malformed.
   */
  private static int readQuoted(String text, int start, StringBuilder out) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 == text.length()) {
          return -1;
        }
        char escaped = text.charAt(i + 1);
        if (escaped == '\r' || escaped == '\n') {
          return -1;
        }
        out.append(escaped);
        i += 2;
      } else if (c == '\r' || c == '\n') {
        int afterBreak = skipLineBreak(text, i);
        if (afterBreak == i || afterBreak == text.length() || !isBlank(text.charAt(afterBreak))) {
          return -1;
        }
        // A folded line is equivalent to a single space (RFC 3261 §7.3.1).
        out.append(' ');
        i = afterBreak;
        while (i < text.length() && isBlank(text.charAt(i))) {
          i++;
        }
      } else if (isControl(c)) {
        return -1;
      } else {
        out.append(c);
        i++;
      }
    }
    return -1;
  }

  private static int skipLineBreak(String text, int i) {
    if (text.startsWith("\r\n", i)) {
      return i + 2;
    }
    return i + 1;
  }

  /** {@code value} as a quoted string, escaping quotes and backslashes. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** Throws unless {@code value} can be written into a header without control characters. */
  static String requireHeaderSafe(String value, String what) {
    for (int i = 0; i < value.length(); i++) {
      if (isControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " contains a control character");
      }
    }
    return value;
  }

  /** Throws unless {@code value} is a non-empty RFC 3261 token (safe to write unquoted). */
  static String requireToken(String value, String what) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isTokenChar(value.charAt(i))) {
        throw new IllegalArgumentException(what + " is not a token");
      }
    }
    return value;
  }

  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-.!%*_+`'~".indexOf(c) >= 0;
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isControl(char c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
  }

  private static String echo(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }
}
