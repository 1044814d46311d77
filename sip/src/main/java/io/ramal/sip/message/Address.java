package io.ramal.sip.message;

import java.util.Optional;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route and
 * Record-Route (RFC 3261 §20.10). {@code displayName} is kept as written (a quoted string keeps its
 * quotes), empty when absent.
 */
public record Address(String displayName, Uri uri, Parameters params) {

  public static Address of(Uri uri) {
    return new Address("", uri, Parameters.NONE);
  }

  public static Address parse(String value) {
    ValueReader r = new ValueReader(value);
    Address a = read(r);
    r.skipWs();
    if (!r.atEnd()) throw new MalformedException("unexpected text after address: " + Snippet.of(r.rest()));
    return a;
  }

  static Address read(ValueReader r) {
    r.skipWs();
    String display = "";
    Uri uri;
    int start = r.position();
    if (r.peek() == '"') {
      display = r.quoted("display name");
      r.expect('<', "name-addr");
      uri = readBracketed(r);
    } else {
      String src = r.source();
      int q = r.position();
      while (q < src.length() && src.charAt(q) != '<' && src.charAt(q) != ',' && src.charAt(q) != ';') q++;
      int words = r.position();
      r.position(q);
      boolean bracketed = r.peek() == '<';
      if (bracketed) {
        display = stripped(src, words, q);
        checkDisplayTokens(display);
        r.accept('<');
        uri = readBracketed(r);
      } else {
        r.position(start);
        r.skipWs();
        int s = r.position();
        int p = s;
        while (p < src.length() && src.charAt(p) != ';' && src.charAt(p) != ',' && !Grammar.isWs(src.charAt(p))) p++;
        if (p == s) throw new MalformedException("empty address");
        int question = src.indexOf('?', s);
        if (question >= 0 && question < p) {
          throw new MalformedException("URI with headers must be enclosed in <>: " + Snippet.of(src.substring(s, p)));
        }
        r.position(p);
        uri = Uri.parse(src, s, p);
      }
    }
    Parameters params = Parameters.readHeaderParams(r, "address");
    return new Address(display, uri, params);
  }

  /** {@code src.substring(from, to).strip()}, copying once. */
  private static String stripped(String src, int from, int to) {
    while (from < to && Character.isWhitespace(src.charAt(from))) from++;
    while (to > from && Character.isWhitespace(src.charAt(to - 1))) to--;
    return from == to ? "" : src.substring(from, to);
  }

  private static Uri readBracketed(ValueReader r) {
    String src = r.source();
    int s = r.position();
    int close = src.indexOf('>', s);
    if (close < 0) throw new MalformedException("missing '>' in name-addr");
    r.position(close + 1);
    try {
      return Uri.parse(src, s, close);
    } catch (MalformedException e) {
      // No URI holds whitespace, so only a URI with whitespace can still be saved by unfolding.
      for (int i = s; i < close; i++) {
        if (Grammar.isWs(src.charAt(i))) return Uri.parse(withoutFoldingAroundSemicolons(src.substring(s, close)));
      }
      throw e;
    }
  }

  /**
   * Old call-flow documents fold long URIs after a ';' inside the brackets. Whitespace next to a
   * ';' there is dropped; whitespace anywhere else (RFC 4475 badaspec) still makes the URI invalid.
   */
  private static String withoutFoldingAroundSemicolons(String uri) {
    if (uri.indexOf(' ') < 0 && uri.indexOf('\t') < 0) return uri;
    StringBuilder b = new StringBuilder(uri.length());
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (Grammar.isWs(c)) {
        int j = i;
        while (j < uri.length() && Grammar.isWs(uri.charAt(j))) j++;
        boolean afterSemi = b.length() > 0 && b.charAt(b.length() - 1) == ';';
        boolean beforeSemi = j < uri.length() && uri.charAt(j) == ';';
        if ((afterSemi || beforeSemi) && i > 0 && j < uri.length()) {
          i = j - 1;
          continue;
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  private static void checkDisplayTokens(String display) {
    for (int i = 0; i < display.length(); i++) {
      char c = display.charAt(i);
      if (!(Grammar.isToken(c) || Grammar.isWs(c) || c > 127)) {
        throw new MalformedException("display name must be tokens or a quoted string: " + Snippet.of(display));
      }
    }
  }

  public Optional<String> tag() {
    return params.get("tag").filter(t -> !t.isEmpty());
  }

  public Address withTag(String tag) {
    return new Address(displayName, uri, params.with("tag", tag));
  }

  public Address withUri(Uri newUri) {
    return new Address(displayName, newUri, params);
  }

  public Address withParams(Parameters newParams) {
    return new Address(displayName, uri, newParams);
  }

  /** The display name without quotes or escapes. */
  public String displayText() {
    return ValueReader.unquote(displayName);
  }

  /** The URI as a SIP URI, when it is one. */
  public Optional<SipUri> sipUri() {
    return uri instanceof SipUri s ? Optional.of(s) : Optional.empty();
  }

  /** A copy with the given display text, quoted as needed. */
  public Address withDisplayText(String text) {
    return new Address(text.isEmpty() ? "" : ValueReader.quote(text), uri, params);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(48);
    if (!displayName.isEmpty()) b.append(displayName).append(' ');
    b.append('<').append(uri).append('>');
    params.appendTo(b);
    return b.toString();
  }
}
