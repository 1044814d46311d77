package io.ramal.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes messages in their wire form, with a Content-Length that always matches the body. */
final class Serializer {
  private Serializer() {}

  static byte[] toBytes(SipMessage m) {
    StringBuilder b = new StringBuilder(512);
    b.append(m.startLine()).append("\r\n");
    boolean wroteLength = false;
    for (Header h : m.headers()) {
      if (h.is(HeaderNames.CONTENT_LENGTH)) {
        if (wroteLength) continue;
        b.append(HeaderNames.CONTENT_LENGTH).append(": ").append(m.body().length).append("\r\n");
        wroteLength = true;
        continue;
      }
      b.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (!wroteLength) b.append(HeaderNames.CONTENT_LENGTH).append(": ").append(m.body().length).append("\r\n");
    b.append("\r\n");
    byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
    if (m.body().length == 0) return head;
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + m.body().length);
    out.writeBytes(head);
    out.writeBytes(m.body());
    return out.toByteArray();
  }
}
