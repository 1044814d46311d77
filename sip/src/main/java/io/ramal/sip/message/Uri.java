package io.ramal.sip.message;

import java.util.Locale;

/** A URI as used in a Request-URI or a name-addr: a SIP/SIPS URI, or any other absolute URI. */
public sealed interface Uri permits SipUri, AbsoluteUri {
  String scheme();

  /** Parses a URI; SIP and SIPS URIs are parsed strictly, others are checked for the scheme only. */
  static Uri parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) throw new MalformedException("URI without scheme: " + Snippet.of(text));
    String scheme = text.substring(0, colon);
    for (int i = 0; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      boolean ok = Character.isLetter(c) && c < 128 || i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.');
      if (!ok) throw new MalformedException("bad URI scheme: " + Snippet.of(scheme));
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (lower.equals("sip") || lower.equals("sips")) return SipUri.parse(text);
    for (int i = colon + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 127) {
        throw new MalformedException("bad character in URI: " + Snippet.of(text));
      }
    }
    return new AbsoluteUri(scheme, text.substring(colon + 1));
  }
}
