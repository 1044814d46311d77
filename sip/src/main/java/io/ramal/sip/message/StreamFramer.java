package io.ramal.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

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
    long cl = contentLength(new String(buf, start, bodyStart - start, StandardCharsets.ISO_8859_1));
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
    long found = 0;
    int count = 0;
    for (String line : head.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0 || Grammar.isWs(line.charAt(0))) continue;
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (name.equals("content-length") || name.equals("l")) {
        found = Grammar.unsigned(line.substring(colon + 1).strip(), SipParser.MAX_MESSAGE);
        count++;
      }
    }
    return count > 1 ? -1 : found;
  }
}
