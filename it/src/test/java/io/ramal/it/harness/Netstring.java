package io.ramal.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Netstring framing ({@code <length>:<bytes>,}), as used by baresip's ctrl_tcp module.
 *
 * <pre>{@code
 * out.write(Netstring.encode("{\"command\":\"hangup\"}"));
 * Optional<String> next = Netstring.read(in);   // empty at a clean end of stream
 * }</pre>
 */
final class Netstring {

  /** Longest payload accepted; baresip's messages are far shorter. */
  static final int MAX_LENGTH = 1 << 20;

  private Netstring() {}

  static byte[] encode(String payload) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = (body.length + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[prefix.length + body.length + 1];
    System.arraycopy(prefix, 0, frame, 0, prefix.length);
    System.arraycopy(body, 0, frame, prefix.length, body.length);
    frame[frame.length - 1] = ',';
    return frame;
  }

  /**
   * Reads one netstring; empty if the stream ends before a new frame starts.
   *
   * @throws IOException on a malformed frame or an end of stream inside one
   */
  static Optional<String> read(InputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      return Optional.empty();
    }
    long length = 0;
    int digits = 0;
    int c = first;
    while (c != ':') {
      if (c < '0' || c > '9' || digits > 7 || (digits == 1 && length == 0)) {
        throw new IOException("malformed netstring length");
      }
      length = length * 10 + (c - '0');
      digits++;
      c = readByte(in);
    }
    if (digits == 0 || length > MAX_LENGTH) {
      throw new IOException("bad netstring length: " + length);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream((int) length);
    for (long i = 0; i < length; i++) {
      body.write(readByte(in));
    }
    if (readByte(in) != ',') {
      throw new IOException("netstring not terminated by ','");
    }
    return Optional.of(body.toString(StandardCharsets.UTF_8));
  }

  private static int readByte(InputStream in) throws IOException {
    int c = in.read();
    if (c < 0) {
      throw new EOFException("end of stream inside a netstring");
    }
    return c;
  }
}
