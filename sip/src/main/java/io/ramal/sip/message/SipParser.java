package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to a validated {@link SipMessage} (RFC 3261 §7, §25), or a {@link ParseResult.Malformed}
 * with the status a request deserves. Never throws for any input.
 *
 * <p>Validation parses Via, From, To, CSeq, Call-ID, Contact, Route and Record-Route. The message
 * keeps the first five, so {@link SipMessage#topVia()}, {@link SipMessage#from()}, {@link
 * SipMessage#to()}, {@link SipMessage#cseq()} and {@link SipMessage#callId()} do not parse again;
 * the others are parsed again on first use, then kept.
 */
public final class SipParser {
  /** Largest message accepted; bigger ones are rejected (RFC 3261 §18.1.1 allows 413/513). */
  public static final int MAX_MESSAGE = 65_535;

  private SipParser() {}

  public static ParseResult parse(byte[] data) {
    return parse(data, 0, data.length);
  }

  /**
   * Parses one message from {@code data[offset, offset+length)}. As for a datagram, a missing
   * Content-Length means the body runs to the end; bytes beyond Content-Length are ignored.
   */
  public static ParseResult parse(byte[] data, int offset, int length) {
    HeaderSection section = new HeaderSection();
    try {
      return new ParseResult.Parsed(parse(data, offset, length, section));
    } catch (MalformedException e) {
      return new ParseResult.Malformed(e.status(), e.getMessage(), section.request, headersOf(section));
    } catch (RuntimeException e) {
      // Defence in depth: a bug in a typed parser must never escape into a transport.
      return new ParseResult.Malformed(400, "unparseable message", section.request, headersOf(section));
    }
  }

  /** Index just past the blank line ending the header section, or -1. Accepts CRLF or bare LF. */
  static int headerEnd(byte[] data, int from, int to) {
    return headerEnd(data, from, to, null);
  }

  /** As {@link #headerEnd(byte[], int, int)}, noting each LF up to the blank line's in {@code lfs}. */
  static int headerEnd(byte[] data, int from, int to, HeaderSection lfs) {
    for (int i = ByteScan.nextLf(data, from, to); i < to; i = ByteScan.nextLf(data, i + 1, to)) {
      if (lfs != null) lfs.addLf(i);
      if (i + 1 < to && data[i + 1] == '\n') {
        if (lfs != null) lfs.addLf(i + 1);
        return i + 2;
      }
      if (i + 2 < to && data[i + 1] == '\r' && data[i + 2] == '\n') {
        if (lfs != null) lfs.addLf(i + 2);
        return i + 3;
      }
    }
    return -1;
  }

  private static Headers headersOf(HeaderSection section) {
    try {
      return Headers.of(section.fields);
    } catch (RuntimeException e) {
      return Headers.EMPTY;
    }
  }

  private static SipMessage parse(byte[] data, int offset, int length, HeaderSection section) {
    int end = offset + length;
    if (length > MAX_MESSAGE) throw new MalformedException(513, "message too large");
    int start = offset;
    while (start < end && (data[start] == '\r' || data[start] == '\n')) start++;
    if (start == end) throw new MalformedException("empty message");
    int bodyStart = headerEnd(data, start, end, section);
    if (bodyStart < 0) throw new MalformedException("no blank line after the headers");
    if (ByteScan.isAscii(data, start, bodyStart)) {
      AsciiLines.read(data, start, bodyStart, section);
    } else {
      TextLines.read(new String(data, start, bodyStart - start, StandardCharsets.UTF_8), section);
    }
    Headers headers = Headers.ofParsed(List.copyOf(section.fields));
    FieldIndex index = new FieldIndex(section.fields);
    byte[] body = body(index, data, bodyStart, end);
    SipMessage m = section.request
        ? StartLines.request(section.startLine, headers, body)
        : StartLines.status(section.startLine, headers, body);
    validate(m, index);
    return m;
  }

  private static byte[] body(FieldIndex index, byte[] data, int bodyStart, int end) {
    int available = end - bodyStart;
    if (index.count(FieldIndex.CONTENT_LENGTH) > 1) throw new MalformedException("several Content-Length headers");
    String cl = index.first(FieldIndex.CONTENT_LENGTH);
    if (cl == null) return Arrays.copyOfRange(data, bodyStart, end);
    long len = Grammar.unsigned(cl, MAX_MESSAGE);
    if (len < 0) throw new MalformedException("bad Content-Length: " + Snippet.of(cl));
    if (len > available) throw new MalformedException("Content-Length larger than the body");
    return Arrays.copyOfRange(data, bodyStart, bodyStart + (int) len);
  }

  /**
   * The checks of RFC 3261 §8.2 and §25 that make a message usable, in a fixed order (the first
   * failure gives the reason). The typed values parsed on the way are kept by the headers.
   */
  private static void validate(SipMessage m, FieldIndex index) {
    for (int slot = 0; slot < FieldIndex.SINGLE_VALUED; slot++) {
      if (index.count(slot) > 1) throw new MalformedException("several " + FieldIndex.name(slot) + " headers");
    }
    for (int slot : FieldIndex.REQUIRED) {
      if (index.count(slot) == 0) throw new MalformedException("missing " + FieldIndex.name(slot));
    }
    String callId = index.first(FieldIndex.CALL_ID).strip();
    if (callId.isEmpty() || callId.indexOf(' ') >= 0) throw new MalformedException("bad Call-ID");
    CSeq cseq = CSeq.parse(index.first(FieldIndex.CSEQ));
    if (m instanceof SipRequest r && !cseq.method().equals(r.method())) {
      throw new MalformedException("CSeq method does not match the request method");
    }
    List<String> viaValues = index.values(HeaderNames.VIA);
    Via[] vias = new Via[viaValues.size()];
    for (int i = 0; i < vias.length; i++) vias[i] = Via.parse(viaValues.get(i));
    if (vias.length == 0) throw new MalformedException("empty Via");
    Address from = Address.parse(index.first(FieldIndex.FROM));
    Address to = Address.parse(index.first(FieldIndex.TO));
    String maxForwards = index.first(FieldIndex.MAX_FORWARDS);
    if (maxForwards != null && Grammar.unsigned(maxForwards, 255) < 0) {
      throw new MalformedException("Max-Forwards out of range");
    }
    String expires = index.first(FieldIndex.EXPIRES);
    if (expires != null && Grammar.unsigned(expires, 0xffffffffL) < 0) {
      throw new MalformedException("Expires out of range");
    }
    String date = index.first(FieldIndex.DATE);
    if (date != null && !date.endsWith("GMT")) throw new MalformedException("Date must be in GMT");
    String retryAfter = index.first(FieldIndex.RETRY_AFTER);
    if (retryAfter != null && Grammar.unsigned(retryAfterSeconds(retryAfter), 0xffffffffL) < 0) {
      throw new MalformedException("Retry-After out of range");
    }
    List<String> contactValues = index.values(HeaderNames.CONTACT);
    boolean wildcard = contactValues.size() == 1 && contactValues.get(0).equals("*");
    if (!wildcard) check(contactValues);
    check(index.values(HeaderNames.ROUTE));
    check(index.values(HeaderNames.RECORD_ROUTE));
    // What every handler reads is kept; Contact and the routes are kept when first asked for, so
    // a message held for a while (a transaction's request) does not carry them unread.
    m.headers().keep(callId, cseq, List.of(vias), from, to, wildcard);
  }

  /** The delta-seconds that start a Retry-After value: everything before a space, ';' or '('. */
  private static String retryAfterSeconds(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == ';' || c == '(') return v.substring(0, i);
    }
    return v;
  }

  private static void check(List<String> addresses) {
    for (int i = 0; i < addresses.size(); i++) Address.parse(addresses.get(i));
  }
}
