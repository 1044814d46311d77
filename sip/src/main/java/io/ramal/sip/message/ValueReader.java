package io.ramal.sip.message;

/** A cursor over one header value, with the LWS-aware reads of the RFC 3261 grammar. */
final class ValueReader {
  private final String s;
  private int pos;

  ValueReader(String s) {
    this.s = s;
  }

  boolean atEnd() {
    return pos >= s.length();
  }

  int position() {
    return pos;
  }

  void position(int p) {
    pos = p;
  }

  char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  String rest() {
    return s.substring(pos);
  }

  String source() {
    return s;
  }

  void skipWs() {
    while (pos < s.length() && Grammar.isWs(s.charAt(pos))) pos++;
  }

  /** Skips whitespace, then consumes {@code c} if present. */
  boolean accept(char c) {
    skipWs();
    if (pos < s.length() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(char c, String what) {
    if (!accept(c)) throw new MalformedException("expected '" + c + "' in " + what);
  }

  String token(String what) {
    return token(what, "");
  }

  /** A token; {@code what + whatMore} names it in the error, joined only when there is one. */
  String token(String what, String whatMore) {
    int start = skipToken(what, whatMore);
    return Tokens.of(s, start, pos);
  }

  /** Skips whitespace and a token, and returns where the token starts; it ends at {@link #position()}. */
  int skipToken(String what) {
    return skipToken(what, "");
  }

  private int skipToken(String what, String whatMore) {
    skipWs();
    int start = pos;
    while (pos < s.length() && Grammar.isToken(s.charAt(pos))) pos++;
    if (start == pos) throw new MalformedException("expected a token in " + what + whatMore);
    return start;
  }

  /** Reads a quoted-string and returns it with its quotes and escapes, as written. */
  String quoted(String what) {
    return quoted(what, "");
  }

  /** As {@link #quoted(String)}, naming it {@code what + whatMore} in an error. */
  String quoted(String what, String whatMore) {
    skipWs();
    if (peek() != '"') throw new MalformedException("expected a quoted string in " + what + whatMore);
    int end = quotedEnd(s, pos);
    if (end < 0) throw new MalformedException("unterminated quoted string in " + what + whatMore);
    String q = s.substring(pos, end);
    pos = end;
    return q;
  }

  /** Where the quoted-string opening at {@code s[open]} ends (just past its closing quote), or -1. */
  static int quotedEnd(String s, int open) {
    int p = open + 1;
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c == '\\') {
        if (p + 1 >= s.length()) return -1;
        p += 2;
      } else if (c == '"') {
        return p + 1;
      } else {
        p++;
      }
    }
    return -1;
  }

  /** Reads up to (not including) any of {@code stops}, outside quotes and angle brackets. */
  String until(String stops) {
    int start = pos;
    boolean quoted = false;
    int angle = 0;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (quoted) {
        if (c == '\\') pos++;
        else if (c == '"') quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle++;
      } else if (c == '>' && angle > 0) {
        angle--;
      } else if (angle == 0 && stops.indexOf(c) >= 0) {
        break;
      }
      pos++;
    }
    return s.substring(start, Math.min(pos, s.length()));
  }

  /** Removes the quotes and backslash escapes of a quoted string. */
  static String unquote(String quoted) {
    if (quoted.length() < 2 || quoted.charAt(0) != '"') return quoted;
    StringBuilder b = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) c = quoted.charAt(++i);
      b.append(c);
    }
    return b.toString();
  }

  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') b.append('\\');
      b.append(c);
    }
    return b.append('"').toString();
  }
}
