package io.ramal.sip.message;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1). {@code user} and {@code password} are empty when absent and
 * kept escaped as written; {@code port} is -1 when absent; {@code headers} is the raw text after
 * {@code ?}, empty when absent. {@code parse(toString())} returns an equal value.
 */
public record SipUri(
    String scheme, String user, String password, String host, int port, Parameters params, String headers)
    implements Uri {

  public SipUri {
    if (!scheme.equalsIgnoreCase("sip") && !scheme.equalsIgnoreCase("sips")) {
      throw new IllegalArgumentException("not a SIP scheme: " + scheme);
    }
    if (host.isEmpty()) throw new IllegalArgumentException("empty host");
    if (port < -1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
  }

  public static SipUri of(String user, String host, int port) {
    return new SipUri("sip", user, "", host, port, Parameters.NONE, "");
  }

  public static SipUri parse(String text) {
    return parse(text, 0, text.length());
  }

  /**
   * As {@link #parse(String)} for {@code src[from, to)}. Works on positions in {@code src}; only
   * the parts the URI keeps (user, password, host, parameters, headers) are copied.
   */
  static SipUri parse(String src, int from, int to) {
    int colon = src.indexOf(':', from);
    if (colon >= to) colon = -1;
    if (colon <= from) throw bad("SIP URI without scheme: ", src, from, to);
    int n = colon - from;
    boolean sip = n == 3 && src.regionMatches(true, from, "sip", 0, 3);
    if (!sip && !(n == 4 && src.regionMatches(true, from, "sips", 0, 4))) throw bad("not a SIP URI: ", src, from, to);
    String scheme = Tokens.of(src, from, colon);
    int rest = colon + 1;
    String user = "";
    String password = "";
    int at = src.indexOf('@', rest);
    if (at >= to) at = -1;
    if (at >= 0) {
      int pc = rest;
      while (pc < at && src.charAt(pc) != ':') pc++;
      if (pc == at) pc = -1;
      int userEnd = pc >= 0 ? pc : at;
      if (userEnd == rest) throw bad("empty user in URI: ", src, from, to);
      checkEscaped(src, rest, userEnd, true, from, to);
      if (pc >= 0) checkEscaped(src, pc + 1, at, false, from, to);
      user = src.substring(rest, userEnd);
      password = pc >= 0 ? src.substring(pc + 1, at) : "";
      rest = at + 1;
    }
    int end = rest;
    String host;
    if (end < to && src.charAt(end) == '[') {
      end = src.indexOf(']', end);
      if (end < 0 || end >= to) throw bad("unterminated IPv6 reference: ", src, from, to);
      host = src.substring(rest, ++end);
      checkIpv6(host, src, from, to);
    } else {
      while (end < to && Grammar.isHostChar(src.charAt(end))) end++;
      if (end == rest) throw bad("missing host in URI: ", src, from, to);
      host = src.substring(rest, end);
    }
    int port = -1;
    if (end < to && src.charAt(end) == ':') {
      int ps = ++end;
      while (end < to && Grammar.isDigit(src.charAt(end))) end++;
      port = (int) Grammar.unsigned(src, ps, end, 65535);
      if (port < 0) throw bad("bad port in URI: ", src, from, to);
    }
    Parameters.Param[] params = null;
    int count = 0;
    while (end < to && src.charAt(end) == ';') {
      int ns = ++end;
      while (end < to && isParamChar(src, end, to)) end++;
      int ne = end;
      String value = "";
      if (end < to && src.charAt(end) == '=') {
        int vs = ++end;
        while (end < to && isParamChar(src, end, to)) end++;
        if (end == vs) throw bad("empty URI parameter value: ", src, from, to);
        value = Tokens.of(src, vs, end);
      }
      if (ne == ns) throw bad("empty URI parameter: ", src, from, to);
      if (params == null) params = new Parameters.Param[4];
      else if (count == params.length) params = Arrays.copyOf(params, count * 2);
      params[count++] = new Parameters.Param(Tokens.of(src, ns, ne), value);
    }
    String headers = "";
    if (end < to && src.charAt(end) == '?') {
      for (int i = end + 1; i < to; i++) {
        char c = src.charAt(i);
        if (!(Grammar.isHeaderChar(c) || c == '=' || c == '&' || c == '%')) {
          throw bad("bad character in URI headers: ", src, from, to);
        }
      }
      headers = src.substring(end + 1, to);
      end = to;
    }
    if (end != to) throw bad("bad character in URI: ", src, from, to);
    return new SipUri(scheme, user, password, host, port, Parameters.of(params, count), headers);
  }

  /** The error for the URI {@code src[from, to)}, which the reason quotes (shortened). */
  private static MalformedException bad(String reason, String src, int from, int to) {
    return new MalformedException(reason + Snippet.of(src.substring(from, to)));
  }

  /** A parameter character, or an escape {@code %X} followed by at least one more character. */
  private static boolean isParamChar(String s, int i, int to) {
    char c = s.charAt(i);
    return Grammar.isParamChar(c) || c == '%' && i + 2 < to && Grammar.isHex(s.charAt(i + 1));
  }

  private static void checkIpv6(String ref, String src, int from, int to) {
    if (ref.length() < 4) throw bad("bad IPv6 reference: ", src, from, to);
    for (int i = 1; i < ref.length() - 1; i++) {
      char c = ref.charAt(i);
      if (!(Grammar.isHex(c) || c == ':' || c == '.')) {
        throw bad("bad IPv6 reference: ", src, from, to);
      }
    }
  }

  /** Checks the user ({@code user}) or password part {@code s[start, end)} of the URI {@code s[from, to)}. */
  private static void checkEscaped(String s, int start, int end, boolean user, int from, int to) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= end || !Grammar.isHex(s.charAt(i + 1)) || !Grammar.isHex(s.charAt(i + 2))) {
          throw bad("bad escape in URI: ", s, from, to);
        }
        i += 2;
      } else if (user ? !Grammar.isUserChar(c) : !(Grammar.isUnreserved(c) || "&=+$,".indexOf(c) >= 0)) {
        throw bad("bad character in URI user part: ", s, from, to);
      }
    }
  }

  /** The user part with %HEX escapes decoded (for matching extensions). */
  public String userDecoded() {
    if (user.indexOf('%') < 0) return user;
    StringBuilder b = new StringBuilder(user.length());
    for (int i = 0; i < user.length(); i++) {
      char c = user.charAt(i);
      if (c == '%' && i + 2 < user.length()) {
        b.append((char) Integer.parseInt(user, i + 1, i + 3, 16));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The value of URI header {@code name} (RFC 3261 §19.1.1: {@code ?hname=hvalue&...}), its name
   * matched without regard to case and its %HEX escapes decoded as UTF-8: for
   * {@code sip:1003@pbx?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2}, {@code header("replaces")}
   * is {@code abc@h;to-tag=1;from-tag=2}. Empty when the URI has no such header.
   *
   * @throws MalformedException when the value has a bad escape
   */
  public Optional<String> header(String name) {
    if (headers.isEmpty()) return Optional.empty();
    for (String field : headers.split("&", -1)) {
      int eq = field.indexOf('=');
      String hname = eq < 0 ? field : field.substring(0, eq);
      if (decode(hname).equalsIgnoreCase(name)) return Optional.of(eq < 0 ? "" : decode(field.substring(eq + 1)));
    }
    return Optional.empty();
  }

  private static String decode(String escaped) {
    if (escaped.indexOf('%') < 0) return escaped;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '%') {
        if (i + 2 >= escaped.length() || !Grammar.isHex(escaped.charAt(i + 1)) || !Grammar.isHex(escaped.charAt(i + 2))) {
          throw new MalformedException("bad escape in URI header: " + Snippet.of(escaped));
        }
        bytes.write(Integer.parseInt(escaped, i + 1, i + 3, 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  public boolean isSecure() {
    return scheme.equalsIgnoreCase("sips");
  }

  /** The host without IPv6 brackets, lower-cased. */
  public String hostName() {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT);
  }

  public Optional<String> param(String name) {
    return params.get(name);
  }

  /** The {@code transport} parameter lower-cased, or empty. */
  public Optional<String> transport() {
    return params.get("transport").map(t -> t.toLowerCase(Locale.ROOT));
  }

  public SipUri withUser(String newUser) {
    return new SipUri(scheme, newUser, "", host, port, params, headers);
  }

  public SipUri withHostPort(String newHost, int newPort) {
    return new SipUri(scheme, user, password, newHost, newPort, params, headers);
  }

  public SipUri withParam(String name, String value) {
    return new SipUri(scheme, user, password, host, port, params.with(name, value), headers);
  }

  public SipUri withoutParam(String name) {
    return new SipUri(scheme, user, password, host, port, params.without(name), headers);
  }

  public SipUri withoutHeaders() {
    return new SipUri(scheme, user, password, host, port, params, "");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(32).append(scheme).append(':');
    if (!user.isEmpty()) {
      b.append(user);
      if (!password.isEmpty()) b.append(':').append(password);
      b.append('@');
    }
    b.append(host);
    if (port >= 0) b.append(':').append(port);
    params.appendTo(b);
    if (!headers.isEmpty()) b.append('?').append(headers);
    return b.toString();
  }
}
