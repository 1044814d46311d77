package io.ramal.sip.message;

import java.util.ArrayList;
import java.util.List;
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
    int colon = text.indexOf(':');
    if (colon <= 0) throw new MalformedException("SIP URI without scheme: " + Snippet.of(text));
    String scheme = text.substring(0, colon);
    if (!scheme.equalsIgnoreCase("sip") && !scheme.equalsIgnoreCase("sips")) {
      throw new MalformedException("not a SIP URI: " + Snippet.of(text));
    }
    String rest = text.substring(colon + 1);
    String user = "";
    String password = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      String userinfo = rest.substring(0, at);
      int pc = userinfo.indexOf(':');
      user = pc >= 0 ? userinfo.substring(0, pc) : userinfo;
      password = pc >= 0 ? userinfo.substring(pc + 1) : "";
      if (user.isEmpty()) throw new MalformedException("empty user in URI: " + Snippet.of(text));
      checkEscaped(user, true, text);
      checkEscaped(password, false, text);
      rest = rest.substring(at + 1);
    }
    int end = 0;
    String host;
    if (rest.startsWith("[")) {
      end = rest.indexOf(']');
      if (end < 0) throw new MalformedException("unterminated IPv6 reference: " + Snippet.of(text));
      host = rest.substring(0, ++end);
      checkIpv6(host, text);
    } else {
      while (end < rest.length() && isHostChar(rest.charAt(end))) end++;
      host = rest.substring(0, end);
      if (host.isEmpty()) throw new MalformedException("missing host in URI: " + Snippet.of(text));
    }
    int port = -1;
    if (end < rest.length() && rest.charAt(end) == ':') {
      int ps = ++end;
      while (end < rest.length() && Character.isDigit(rest.charAt(end))) end++;
      port = (int) Grammar.unsigned(rest.substring(ps, end), 65535);
      if (port < 0) throw new MalformedException("bad port in URI: " + Snippet.of(text));
    }
    List<Parameters.Param> params = new ArrayList<>(2);
    while (end < rest.length() && rest.charAt(end) == ';') {
      int ns = ++end;
      while (end < rest.length() && isParamChar(rest, end)) end++;
      String name = rest.substring(ns, end);
      String value = "";
      if (end < rest.length() && rest.charAt(end) == '=') {
        int vs = ++end;
        while (end < rest.length() && isParamChar(rest, end)) end++;
        value = rest.substring(vs, end);
        if (value.isEmpty()) throw new MalformedException("empty URI parameter value: " + Snippet.of(text));
      }
      if (name.isEmpty()) throw new MalformedException("empty URI parameter: " + Snippet.of(text));
      params.add(new Parameters.Param(name, value));
    }
    String headers = "";
    if (end < rest.length() && rest.charAt(end) == '?') {
      headers = rest.substring(end + 1);
      for (int i = 0; i < headers.length(); i++) {
        char c = headers.charAt(i);
        if (!(Grammar.isHeaderChar(c) || c == '=' || c == '&' || c == '%')) {
          throw new MalformedException("bad character in URI headers: " + Snippet.of(text));
        }
      }
      end = rest.length();
    }
    if (end != rest.length()) throw new MalformedException("bad character in URI: " + Snippet.of(text));
    return new SipUri(scheme, user, password, host, port,
        params.isEmpty() ? Parameters.NONE : new Parameters(params), headers);
  }

  private static boolean isHostChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_');
  }

  private static boolean isParamChar(String s, int i) {
    char c = s.charAt(i);
    return Grammar.isParamChar(c) || c == '%' && i + 2 < s.length() && Grammar.isHex(s.charAt(i + 1));
  }

  private static void checkIpv6(String ref, String text) {
    if (ref.length() < 4) throw new MalformedException("bad IPv6 reference: " + Snippet.of(text));
    for (int i = 1; i < ref.length() - 1; i++) {
      char c = ref.charAt(i);
      if (!(Grammar.isHex(c) || c == ':' || c == '.')) {
        throw new MalformedException("bad IPv6 reference: " + Snippet.of(text));
      }
    }
  }

  private static void checkEscaped(String s, boolean user, String text) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !Grammar.isHex(s.charAt(i + 1)) || !Grammar.isHex(s.charAt(i + 2))) {
          throw new MalformedException("bad escape in URI: " + Snippet.of(text));
        }
        i += 2;
      } else if (user ? !Grammar.isUserChar(c) : !(Grammar.isUnreserved(c) || "&=+$,".indexOf(c) >= 0)) {
        throw new MalformedException("bad character in URI user part: " + Snippet.of(text));
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
