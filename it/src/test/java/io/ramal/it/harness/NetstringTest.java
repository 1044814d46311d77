package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NetstringTest {

  @Test
  void framesWithTheByteLength() {
    assertThat(new String(Netstring.encode("héllo"), StandardCharsets.UTF_8)).isEqualTo("6:héllo,");
    assertThat(new String(Netstring.encode(""), StandardCharsets.UTF_8)).isEqualTo("0:,");
  }

  @Test
  void readsConsecutiveFramesThenTheEnd() throws IOException {
    InputStream in = stream("5:hello,0:,11:{\"a\":\"b,c\"},");

    assertThat(Netstring.read(in)).contains("hello");
    assertThat(Netstring.read(in)).contains("");
    assertThat(Netstring.read(in)).contains("{\"a\":\"b,c\"}");
    assertThat(Netstring.read(in)).isEmpty();
  }

  @Test
  void roundTrips() throws IOException {
    String payload = "{\"command\":\"dial\",\"params\":\"sip:1002@127.0.0.1\",\"token\":\"1\"}";

    assertThat(Netstring.read(new ByteArrayInputStream(Netstring.encode(payload)))).contains(payload);
  }

  @Test
  void rejectsMalformedFrames() {
    assertThatThrownBy(() -> Netstring.read(stream("x:abc,"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Netstring.read(stream("3:abc;"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Netstring.read(stream("03:abc,"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Netstring.read(stream(":abc,"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Netstring.read(stream("99999999:x,"))).isInstanceOf(IOException.class);
  }

  @Test
  void rejectsAStreamEndingInsideAFrame() {
    assertThatThrownBy(() -> Netstring.read(stream("5:hel"))).isInstanceOf(EOFException.class);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
