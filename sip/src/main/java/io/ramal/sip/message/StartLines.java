package io.ramal.sip.message;

/** The Request-Line and Status-Line of RFC 3261 §7.1 and §7.2. */
final class StartLines {
  private StartLines() {}

  static SipRequest request(String line, Headers headers, byte[] body) {
    int s1 = line.indexOf(' ');
    int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
    if (s1 <= 0 || s2 < 0 || line.indexOf(' ', s2 + 1) >= 0) {
      throw new MalformedException("bad request line: " + Snippet.of(line));
    }
    String method = Tokens.of(line, 0, s1);
    if (!Grammar.isToken(method)) throw new MalformedException("bad method: " + Snippet.of(method));
    if (line.indexOf('\t') >= 0 || s2 == s1 + 1) throw new MalformedException("bad request line");
    checkVersion(line, s2 + 1, line.length());
    Uri requestUri = Uri.parse(line, s1 + 1, s2);
    if (requestUri instanceof SipUri s && !s.headers().isEmpty()) {
      throw new MalformedException("Request-URI must not carry headers");
    }
    return new SipRequest(method, requestUri, headers, body);
  }

  static SipResponse status(String line, Headers headers, byte[] body) {
    int s1 = line.indexOf(' ');
    if (s1 < 0) throw new MalformedException("bad status line");
    checkVersion(line, 0, s1);
    int s2 = line.indexOf(' ', s1 + 1);
    int codeEnd = s2 < 0 ? line.length() : s2;
    if (codeEnd - (s1 + 1) != 3) throw new MalformedException("bad status code");
    long status = Grammar.unsigned(line.substring(s1 + 1, codeEnd), 699);
    if (status < 100) throw new MalformedException("status code out of range");
    String reason = s2 < 0 ? "" : line.substring(s2 + 1);
    return new SipResponse((int) status, reason, headers, body);
  }

  /** Checks the SIP-Version {@code line[from, to)}. */
  private static void checkVersion(String line, int from, int to) {
    int n = to - from;
    if (n == 7 && line.regionMatches(true, from, "SIP/2.0", 0, 7)) return;
    if (n > 4 && line.regionMatches(true, from, "SIP/", 0, 4)) {
      throw new MalformedException(505, "SIP version not supported: " + Snippet.of(line.substring(from, to)));
    }
    throw new MalformedException("bad SIP version: " + Snippet.of(line.substring(from, to)));
  }
}
