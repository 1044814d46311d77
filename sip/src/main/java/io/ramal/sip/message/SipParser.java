package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to a validated {@link SipMessage} (RFC 3261 §7, §25), or a {@link ParseResult.Malformed}
 * with the status a request deserves. Never throws for any input.
 */
public final class SipParser {
  /** Largest message accepted; bigger ones are rejected (RFC 3261 §18.1.1 allows 413/513). */
  public static final int MAX_MESSAGE = 65_535;

  private static final String[] SINGLE_VALUED = {
      HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.MAX_FORWARDS,
      HeaderNames.CONTENT_LENGTH, HeaderNames.CONTENT_TYPE, HeaderNames.EXPIRES};

  private SipParser() {}

  public static ParseResult parse(byte[] data) {
    return parse(data, 0, data.length);
  }

  /**
   * Parses one message from {@code data[offset, offset+length)}. As for a datagram, a missing
   * Content-Length means the body runs to the end; bytes beyond Content-Length are ignored.
   */
  public static ParseResult parse(byte[] data, int offset, int length) {
    Draft d = new Draft();
    try {
      return new ParseResult.Parsed(d.parse(data, offset, length));
    } catch (MalformedException e) {
      return new ParseResult.Malformed(e.status(), e.getMessage(), d.request, d.headers());
    } catch (RuntimeException e) {
      // Defence in depth: a bug in a typed parser must never escape into a transport.
      return new ParseResult.Malformed(400, "unparseable message", d.request, d.headers());
    }
  }

  /** Index just past the blank line ending the header section, or -1. Accepts CRLF or bare LF. */
  static int headerEnd(byte[] data, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] != '\n') continue;
      if (i + 1 < to && data[i + 1] == '\n') return i + 2;
      if (i + 2 < to && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
    }
    return -1;
  }

  private static final class Draft {
    boolean request;
    final List<Header> fields = new ArrayList<>(16);

    Headers headers() {
      try {
        return Headers.of(fields);
      } catch (RuntimeException e) {
        return Headers.EMPTY;
      }
    }

    SipMessage parse(byte[] data, int offset, int length) {
      int end = offset + length;
      if (length > MAX_MESSAGE) throw new MalformedException(513, "message too large");
      int start = offset;
      while (start < end && (data[start] == '\r' || data[start] == '\n')) start++;
      if (start == end) throw new MalformedException("empty message");
      int bodyStart = headerEnd(data, start, end);
      if (bodyStart < 0) throw new MalformedException("no blank line after the headers");
      String head = new String(data, start, bodyStart - start, StandardCharsets.UTF_8);
      List<String> lines = unfold(head);
      String startLine = lines.get(0);
      request = !startLine.startsWith("SIP/");
      for (int i = 1; i < lines.size(); i++) fields.add(headerLine(lines.get(i)));
      Headers headers = Headers.of(fields);
      byte[] body = body(headers, data, bodyStart, end);
      SipMessage m = request ? requestLine(startLine, headers, body) : statusLine(startLine, headers, body);
      validate(m);
      return m;
    }

    private static List<String> unfold(String head) {
      List<String> lines = new ArrayList<>(20);
      StringBuilder current = null;
      int i = 0;
      int n = head.length();
      while (i < n) {
        int nl = head.indexOf('\n', i);
        if (nl < 0) nl = n;
        int lineEnd = nl > i && head.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        String line = head.substring(i, lineEnd);
        i = nl + 1;
        if (line.isEmpty()) break;
        if (Grammar.isWs(line.charAt(0))) {
          if (current == null || current.length() == 0) throw new MalformedException("folded start line");
          int k = 0;
          while (k < line.length() && Grammar.isWs(line.charAt(k))) k++;
          current.append(' ').append(line, k, line.length());
        } else if (lines.isEmpty() && current == null) {
          lines.add(line);
          current = new StringBuilder();
        } else {
          if (current.length() > 0) lines.add(current.toString());
          current = new StringBuilder(line);
        }
      }
      if (current != null && current.length() > 0) lines.add(current.toString());
      if (lines.isEmpty()) throw new MalformedException("empty message");
      return lines;
    }

    private static Header headerLine(String line) {
      int colon = line.indexOf(':');
      if (colon <= 0) throw new MalformedException("header line without a name and colon: " + Snippet.of(line));
      int ne = colon;
      while (ne > 0 && Grammar.isWs(line.charAt(ne - 1))) ne--;
      String name = line.substring(0, ne);
      if (!Grammar.isToken(name)) throw new MalformedException("bad header name: " + Snippet.of(name));
      String value = line.substring(colon + 1).strip();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < ' ' && c != '\t' && !(c == 0 || c == 7)) {
          // NUL and BEL appear legally inside quoted strings (RFC 4475 intmeth); others do not.
          throw new MalformedException("control character in " + Snippet.of(name));
        }
      }
      return new Header(HeaderNames.canonical(name), value);
    }

    private static byte[] body(Headers headers, byte[] data, int bodyStart, int end) {
      int available = end - bodyStart;
      if (headers.count(HeaderNames.CONTENT_LENGTH) > 1) {
        throw new MalformedException("several Content-Length headers");
      }
      var cl = headers.first(HeaderNames.CONTENT_LENGTH);
      if (cl.isEmpty()) return Arrays.copyOfRange(data, bodyStart, end);
      long len = Grammar.unsigned(cl.get(), MAX_MESSAGE);
      if (len < 0) throw new MalformedException("bad Content-Length: " + Snippet.of(cl.get()));
      if (len > available) throw new MalformedException("Content-Length larger than the body");
      return Arrays.copyOfRange(data, bodyStart, bodyStart + (int) len);
    }

    private static SipRequest requestLine(String line, Headers headers, byte[] body) {
      int s1 = line.indexOf(' ');
      int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
      if (s1 <= 0 || s2 < 0 || line.indexOf(' ', s2 + 1) >= 0) {
        throw new MalformedException("bad request line: " + Snippet.of(line));
      }
      String method = line.substring(0, s1);
      String uri = line.substring(s1 + 1, s2);
      String version = line.substring(s2 + 1);
      if (!Grammar.isToken(method)) throw new MalformedException("bad method: " + Snippet.of(method));
      if (line.indexOf('\t') >= 0 || uri.isEmpty()) throw new MalformedException("bad request line");
      checkVersion(version);
      Uri requestUri = Uri.parse(uri);
      if (requestUri instanceof SipUri s && !s.headers().isEmpty()) {
        throw new MalformedException("Request-URI must not carry headers");
      }
      return new SipRequest(method, requestUri, headers, body);
    }

    private static SipResponse statusLine(String line, Headers headers, byte[] body) {
      int s1 = line.indexOf(' ');
      if (s1 < 0) throw new MalformedException("bad status line");
      checkVersion(line.substring(0, s1));
      int s2 = line.indexOf(' ', s1 + 1);
      String code = s2 < 0 ? line.substring(s1 + 1) : line.substring(s1 + 1, s2);
      if (code.length() != 3) throw new MalformedException("bad status code");
      long status = Grammar.unsigned(code, 699);
      if (status < 100) throw new MalformedException("status code out of range");
      String reason = s2 < 0 ? "" : line.substring(s2 + 1);
      return new SipResponse((int) status, reason, headers, body);
    }

    private static void checkVersion(String version) {
      if (version.equalsIgnoreCase("SIP/2.0")) return;
      if (version.regionMatches(true, 0, "SIP/", 0, 4) && version.length() > 4) {
        throw new MalformedException(505, "SIP version not supported: " + Snippet.of(version));
      }
      throw new MalformedException("bad SIP version: " + Snippet.of(version));
    }

    private static void validate(SipMessage m) {
      Headers h = m.headers();
      for (String name : SINGLE_VALUED) {
        if (h.count(name) > 1) throw new MalformedException("several " + name + " headers");
      }
      for (String required : new String[] {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ}) {
        if (!h.has(required)) throw new MalformedException("missing " + required);
      }
      if (m.callId().isEmpty() || m.callId().indexOf(' ') >= 0) throw new MalformedException("bad Call-ID");
      CSeq cseq = m.cseq();
      if (m instanceof SipRequest r && !cseq.method().equals(r.method())) {
        throw new MalformedException("CSeq method does not match the request method");
      }
      if (m.vias().isEmpty()) throw new MalformedException("empty Via");
      m.from();
      m.to();
      h.first(HeaderNames.MAX_FORWARDS).ifPresent(v -> {
        if (Grammar.unsigned(v, 255) < 0) throw new MalformedException("Max-Forwards out of range");
      });
      h.first(HeaderNames.EXPIRES).ifPresent(v -> {
        if (Grammar.unsigned(v, 0xffffffffL) < 0) throw new MalformedException("Expires out of range");
      });
      h.first(HeaderNames.DATE).ifPresent(v -> {
        if (!v.endsWith("GMT")) throw new MalformedException("Date must be in GMT");
      });
      h.first(HeaderNames.RETRY_AFTER).ifPresent(v -> {
        String n = v.split("[ ;(]", 2)[0];
        if (Grammar.unsigned(n, 0xffffffffL) < 0) throw new MalformedException("Retry-After out of range");
      });
      if (!m.isContactWildcard()) m.contacts();
      m.addresses(HeaderNames.ROUTE);
      m.addresses(HeaderNames.RECORD_ROUTE);
    }
  }
}
