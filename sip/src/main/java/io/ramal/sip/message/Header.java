package io.ramal.sip.message;

/** One header field line as received or to be sent: canonical name, value with folding removed. */
public record Header(String name, String value) {
  public Header {
    if (!HeaderNames.isKnownInstance(name) && !Grammar.isToken(name)) {
      throw new IllegalArgumentException("bad header name: " + Snippet.of(name));
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("line break in header value");
    }
  }

  /**
   * True when this field has the given name, ignoring case. Known names are canonical and
   * interned (see {@link HeaderNames#canonical}), so the usual match is one reference compare.
   */
  boolean is(String canonicalName) {
    return name == canonicalName || name.equalsIgnoreCase(canonicalName);
  }
}
