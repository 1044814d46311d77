package io.ramal.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-at-a-time searches answer as a byte-by-byte loop would, at every alignment. */
class ByteScanTest {

  @Test
  void findsTheSameBytesAsAPlainLoop() {
    SplittableRandom random = new SplittableRandom(20261121);
    byte[] alphabet = {'a', 'Z', ' ', '\t', '\r', '\n', 0, 0x1f, 0x20, 0x7f, 0x0b, ':'};
    for (int round = 0; round < 2_000; round++) {
      byte[] d = new byte[random.nextInt(40)];
      for (int i = 0; i < d.length; i++) d[i] = alphabet[random.nextInt(alphabet.length)];
      int from = d.length == 0 ? 0 : random.nextInt(d.length);
      int to = from + random.nextInt(d.length - from + 1);
      assertThat(ByteScan.nextLf(d, from, to)).isEqualTo(plainNext(d, from, to, '\n'));
      assertThat(ByteScan.nextControl(d, from, to)).isEqualTo(plainNextControl(d, from, to));
      assertThat(ByteScan.isAscii(d, from, to)).isTrue();
    }
  }

  @Test
  void seesAHighByteAnywhere() {
    for (int at = 0; at < 20; at++) {
      byte[] d = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      d[at] = (byte) 0xc3;
      assertThat(ByteScan.isAscii(d, 0, d.length)).as("high byte at " + at).isFalse();
      assertThat(ByteScan.isAscii(d, at + 1, d.length)).isTrue();
    }
  }

  private static int plainNext(byte[] d, int from, int to, char c) {
    for (int i = from; i < to; i++) if (d[i] == c) return i;
    return to;
  }

  private static int plainNextControl(byte[] d, int from, int to) {
    for (int i = from; i < to; i++) if (d[i] < 0x20) return i;
    return to;
  }
}
