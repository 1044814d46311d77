package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFramerTest {
  private static final String HEAD = "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n";

  private static StreamFramer fed(String text) {
    StreamFramer f = new StreamFramer();
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    f.feed(b, 0, b.length);
    return f;
  }

  private static String message(StreamFramer.Frame frame) {
    assertThat(frame).isInstanceOf(StreamFramer.Frame.Message.class);
    return new String(((StreamFramer.Frame.Message) frame).bytes(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void splitsPipelinedMessagesByContentLength() {
    String first = HEAD + "Content-Length: 4\r\n\r\nbody";
    String second = HEAD + "Content-Length: 0\r\n\r\n";
    StreamFramer f = fed(first + second);
    assertThat(message(f.next())).isEqualTo(first);
    assertThat(message(f.next())).isEqualTo(second);
    assertThat(f.next()).isInstanceOf(StreamFramer.Frame.Incomplete.class);
  }

  @Test
  void readsTheCompactFormInAnyCaseAndSpacing() {
    String m = HEAD + "L \t:  3 \r\n\r\nabc";
    assertThat(message(fed(m).next())).isEqualTo(m);
    assertThat(StreamFramer.contentLength("X: 1\ncontent-LENGTH:\u000b7\u000c\n")).isEqualTo(7);
  }

  @Test
  void waitsForTheWholeBody() {
    StreamFramer f = fed(HEAD + "Content-Length: 10\r\n\r\nshort");
    assertThat(f.next()).isInstanceOf(StreamFramer.Frame.Incomplete.class);
  }

  @Test
  void treatsAMissingContentLengthAsNoBody() {
    assertThat(StreamFramer.contentLength(HEAD + "\r\n")).isZero();
  }

  @Test
  void ignoresContentLengthInContinuationLinesAndLinesWithoutName() {
    assertThat(StreamFramer.contentLength(HEAD + " Content-Length: 5\r\n: 6\r\n\r\n")).isZero();
  }

  @Test
  void breaksTheStreamOnTwoOrBadContentLengths() {
    assertThat(fed(HEAD + "Content-Length: 1\r\nl: 1\r\n\r\nx").next()).isInstanceOf(StreamFramer.Frame.Broken.class);
    assertThat(fed(HEAD + "Content-Length: x1\r\n\r\nx").next()).isInstanceOf(StreamFramer.Frame.Broken.class);
  }
}
