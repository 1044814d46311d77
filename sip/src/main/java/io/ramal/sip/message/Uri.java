package io.ramal.sip.message;

/** A URI as used in a Request-URI or a name-addr: a SIP/SIPS URI, or any other absolute URI. */
public sealed interface Uri permits SipUri, AbsoluteUri {
  String scheme();

  /** Parses a URI; SIP and SIPS URIs are parsed strictly, others are checked for the scheme only. */
  static Uri parse(String text) {
    return parse(text, 0, text.length());
  }

  /** As {@link #parse(String)} for {@code src[from, to)}, without copying it first. */
  static Uri parse(String src, int from, int to) {
    int colon = src.indexOf(':', from);
    if (colon >= to) colon = -1;
    if (colon <= from) {
      throw new MalformedException("URI without scheme: " + Snippet.of(src.substring(from, to)));
    }
    for (int i = from; i < colon; i++) {
      char c = src.charAt(i);
      boolean ok = Character.isLetter(c) && c < 128
          || i > from && (Character.isDigit(c) || c == '+' || c == '-' || c == '.');
      if (!ok) throw new MalformedException("bad URI scheme: " + Snippet.of(src.substring(from, colon)));
    }
    int n = colon - from;
    // The scheme is ASCII letters then ASCII or other digits, so this is its ROOT lower-casing.
    if (n == 3 && src.regionMatches(true, from, "sip", 0, 3) || n == 4 && src.regionMatches(true, from, "sips", 0, 4)) {
      return SipUri.parse(src, from, to);
    }
    for (int i = colon + 1; i < to; i++) {
      char c = src.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 127) {
        throw new MalformedException("bad character in URI: " + Snippet.of(src.substring(from, to)));
      }
    }
    return new AbsoluteUri(src.substring(from, colon), src.substring(colon + 1, to));
  }
}
