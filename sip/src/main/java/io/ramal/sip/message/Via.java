package io.ramal.sip.message;

import java.util.Locale;
import java.util.Optional;

/** One Via header value (RFC 3261 §20.42, RFC 3581 rport). {@code port} is -1 when absent. */
public record Via(String protocol, String transport, String host, int port, Parameters params) {
  /** The branch magic cookie of RFC 3261 §8.1.1.7. */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  public static Via of(String transport, String host, int port, String branch) {
    return new Via("SIP/2.0", transport.toUpperCase(Locale.ROOT), host, port,
        new Parameters(java.util.List.of(new Parameters.Param("branch", branch))));
  }

  public static Via parse(String value) {
    ValueReader r = new ValueReader(value);
    Via v = read(r);
    r.skipWs();
    if (!r.atEnd()) throw new MalformedException("unexpected text in Via: " + Snippet.of(r.rest()));
    return v;
  }

  static Via read(ValueReader r) {
    String name = r.token("Via protocol");
    r.expect('/', "Via");
    String version = r.token("Via version");
    r.expect('/', "Via");
    String transport = r.token("Via transport");
    r.skipWs();
    String src = r.source();
    int s = r.position();
    int p = s;
    String host;
    if (p < src.length() && src.charAt(p) == '[') {
      int close = src.indexOf(']', p);
      if (close < 0) throw new MalformedException("unterminated IPv6 reference in Via");
      p = close + 1;
    } else {
      while (p < src.length() && Grammar.isHostChar(src.charAt(p))) p++;
    }
    if (p == s) throw new MalformedException("missing host in Via");
    host = src.substring(s, p);
    r.position(p);
    int port = -1;
    if (r.accept(':')) {
      r.skipWs();
      int ps = r.position();
      int q = ps;
      while (q < src.length() && Grammar.isDigit(src.charAt(q))) q++;
      port = (int) Grammar.unsigned(src, ps, q, 65535);
      if (port < 0) throw new MalformedException("bad port in Via");
      r.position(q);
    }
    Parameters params = Parameters.readHeaderParams(r, "Via");
    String protocol = name.equals("SIP") && version.equals("2.0") ? "SIP/2.0" : name + "/" + version;
    Via via = new Via(protocol, transport, host, port, params);
    Optional<String> branch = via.branch();
    if (params.has("branch") && (branch.isEmpty() || branch.get().equals(MAGIC_COOKIE))) {
      throw new MalformedException("Via branch is empty or only the magic cookie");
    }
    return via;
  }

  public Optional<String> branch() {
    return params.get("branch");
  }

  public Optional<String> received() {
    return params.get("received");
  }

  /** True when the sender asked for symmetric response routing (RFC 3581). */
  public boolean hasRport() {
    return params.has("rport");
  }

  /** The rport value, when one was filled in. */
  public Optional<Integer> rport() {
    return params.get("rport").filter(Grammar::isDigits).map(Integer::parseInt);
  }

  public Via withParam(String name, String value) {
    return new Via(protocol, transport, host, port, params.with(name, value));
  }

  /** The host without IPv6 brackets. */
  public String hostName() {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  public boolean isRfc3261Branch() {
    return branch().map(b -> b.startsWith(MAGIC_COOKIE)).orElse(false);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(64).append(protocol).append('/').append(transport).append(' ').append(host);
    if (port >= 0) b.append(':').append(port);
    params.appendTo(b);
    return b.toString();
  }
}
