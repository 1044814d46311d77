package io.ramal.sip.message;

/** One header field line as received or to be sent: canonical name, value with folding removed. */
public record Header(String name, String value) {
  public Header {
    if (!Grammar.isToken(name)) throw new IllegalArgumentException("bad header name: " + Snippet.of(name));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') throw new IllegalArgumentException("line break in header value");
    }
  }

  boolean is(String canonicalName) {
    return name.equalsIgnoreCase(canonicalName);
  }
}
