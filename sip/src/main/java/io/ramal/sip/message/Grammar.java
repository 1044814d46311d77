package io.ramal.sip.message;

/** Character classes of the RFC 3261 §25 grammar. */
final class Grammar {
  private Grammar() {}

  private static final boolean[] TOKEN = new boolean[128];
  private static final boolean[] UNRESERVED = new boolean[128];
  private static final boolean[] USER_UNRESERVED = new boolean[128];
  private static final boolean[] PARAM_UNRESERVED = new boolean[128];
  private static final boolean[] HNV_UNRESERVED = new boolean[128];
  private static final boolean[] WORD = new boolean[128];
  private static final boolean[] HOST = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) mark(c);
    for (char c = 'A'; c <= 'Z'; c++) mark(c);
    for (char c = '0'; c <= '9'; c++) mark(c);
    for (char c : "-.!%*_+`'~".toCharArray()) TOKEN[c] = true;
    for (char c : "-._".toCharArray()) HOST[c] = true;
    for (char c : "-_.!~*'()".toCharArray()) UNRESERVED[c] = true;
    for (char c : "&=+$,;?/".toCharArray()) USER_UNRESERVED[c] = true;
    for (char c : "[]/:&+$".toCharArray()) PARAM_UNRESERVED[c] = true;
    for (char c : "[]/?:+$".toCharArray()) HNV_UNRESERVED[c] = true;
    for (char c : "-.!%*_+`'~()<>:\\\"/[]?{}".toCharArray()) WORD[c] = true;
  }

  private static void mark(char c) {
    HOST[c] = true;
    TOKEN[c] = true;
    UNRESERVED[c] = true;
    WORD[c] = true;
  }

  static boolean isToken(char c) {
    return c < 128 && TOKEN[c];
  }

  static boolean isWord(char c) {
    return c < 128 && WORD[c];
  }

  static boolean isUnreserved(char c) {
    return c < 128 && UNRESERVED[c];
  }

  /** Characters allowed unescaped in the user part of a SIP URI. */
  static boolean isUserChar(char c) {
    return c < 128 && (UNRESERVED[c] || USER_UNRESERVED[c]);
  }

  /** Characters allowed unescaped in a URI parameter name or value. */
  static boolean isParamChar(char c) {
    return c < 128 && (UNRESERVED[c] || PARAM_UNRESERVED[c]);
  }

  /** Characters allowed unescaped in a URI header name or value. */
  static boolean isHeaderChar(char c) {
    return c < 128 && (UNRESERVED[c] || HNV_UNRESERVED[c]);
  }

  static boolean isToken(CharSequence s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) if (!isToken(s.charAt(i))) return false;
    return true;
  }

  /** A letter, digit, '-', '.' or '_' (ASCII only): what a hostname or IPv4 address is made of. */
  static boolean isHostChar(char c) {
    return c < 128 && HOST[c];
  }

  /** {@link Character#isDigit}, with the ASCII digits answered first. */
  static boolean isDigit(char c) {
    return c >= '0' && c <= '9' || c >= 128 && Character.isDigit(c);
  }

  static boolean isWs(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isDigits(CharSequence s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** Parses an unsigned decimal no larger than {@code max}, or returns -1. */
  static long unsigned(CharSequence s, long max) {
    return unsigned(s, 0, s.length(), max);
  }

  /** As {@link #unsigned(CharSequence, long)} for {@code s[from, to)}. */
  static long unsigned(CharSequence s, int from, int to, long max) {
    if (from >= to) return -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
      if (v > max) return -1;
    }
    return v;
  }
}
