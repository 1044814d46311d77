package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream (TCP, TLS) into messages by Content-Length (RFC 3261 §18.3). Feed it
 * whatever arrives; {@link #next} returns complete frames. CRLF keep-alives (RFC 5626 §3.5.1)
 * between messages are reported as {@link Frame.KeepAlive}. A header section without a usable
 * Content-Length or one that grows past {@link SipParser#MAX_MESSAGE} makes the stream unusable:
 * {@link Frame.Broken} tells the transport to close the connection.
 */
public final class StreamFramer {
  private byte[] buf = new byte[4096];
  private int len;

  public sealed interface Frame {
    record Message(byte[] bytes) implements Frame {}

    /** A double CRLF ping: answer with a single CRLF pong. */
    record KeepAlive() implements Frame {}

    record Broken(String reason) implements Frame {}

    /** More bytes are needed. */
    record Incomplete() implements Frame {}
  }

  public void feed(byte[] data, int off, int n) {
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    System.arraycopy(data, off, buf, len, n);
    len += n;
  }

  public int buffered() {
    return len;
  }

  public Frame next() {
    int start = 0;
    while (start < len && (buf[start] == '\r' || buf[start] == '\n')) {
      if (start + 4 <= len && buf[start] == '\r' && buf[start + 1] == '\n' && buf[start + 2] == '\r'
          && buf[start + 3] == '\n') {
        consume(start + 4);
        return new Frame.KeepAlive();
      }
      start++;
    }
    if (start == len) {
      // Only line breaks so far: keep the tail until we know whether a ping completes.
      if (len > 3) consume(len - 3);
      return new Frame.Incomplete();
    }
    int bodyStart = SipParser.headerEnd(buf, start, len);
    if (bodyStart < 0) {
      if (len - start > SipParser.MAX_MESSAGE) return new Frame.Broken("header section too large");
      return new Frame.Incomplete();
    }
    long cl = contentLength(buf, start, bodyStart);
    if (cl < 0) return new Frame.Broken("missing or invalid Content-Length on a stream");
    long total = bodyStart - start + cl;
    if (total > SipParser.MAX_MESSAGE) return new Frame.Broken("message too large");
    if (bodyStart + cl > len) return new Frame.Incomplete();
    byte[] msg = Arrays.copyOfRange(buf, start, bodyStart + (int) cl);
    consume(bodyStart + (int) cl);
    return new Frame.Message(msg);
  }

  private void consume(int n) {
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
  }

  /** Content-Length from a raw header section; 0 when absent (stream rule), -1 when invalid. */
  static long contentLength(String head) {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return contentLength(b, 0, b.length);
  }

  /** As {@link #contentLength(String)} for the section {@code d[from, to)}, one byte a character. */
  static long contentLength(byte[] d, int from, int to) {
    long found = 0;
    int count = 0;
    for (int line = from; line < to; ) {
      int lf = ByteScan.nextLf(d, line, to);
      int end = lf > line && d[lf - 1] == '\r' ? lf - 1 : lf;
      int colon = line;
      while (colon < end && d[colon] != ':') colon++;
      if (colon < end && colon > line && !Grammar.isWs((char) d[line]) && isContentLength(d, line, colon)) {
        found = Grammar.unsigned(stripped(d, colon + 1, end), SipParser.MAX_MESSAGE);
        count++;
      }
      line = lf + 1;
    }
    return count > 1 ? -1 : found;
  }

  /** Whether {@code d[from, to)}, less surrounding whitespace, is Content-Length or l in any case. */
  private static boolean isContentLength(byte[] d, int from, int to) {
    String name = stripped(d, from, to);
    return name.equalsIgnoreCase(HeaderNames.CONTENT_LENGTH) || name.equalsIgnoreCase("l");
  }

  /** {@code d[from, to)} as ISO-8859-1 text, stripped as {@link String#strip} does. */
  private static String stripped(byte[] d, int from, int to) {
    while (from < to && Character.isWhitespace((char) (d[from] & 0xff))) from++;
    while (to > from && Character.isWhitespace((char) (d[to - 1] & 0xff))) to--;
    return new String(d, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
