package io.ramal.it.harness;

import java.nio.charset.StandardCharsets;

/**
 * What an MP3 file's frame headers say, read the way a player does: every frame from the first
 * byte to the last must carry a valid MPEG Layer III header, and the playing time comes from the
 * LAME Info tag (audio frames minus encoder delay and padding) when there is one.
 *
 * @param frames frames in the file, the Info tag's frame included
 * @param sampleRate samples per second of every frame
 * @param kbps bit rate of the last frame
 * @param durationMillis playing time
 */
public record Mp3Frames(int frames, int sampleRate, int kbps, double durationMillis) {
  private static final int[] V2_LAYER3_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
  private static final int[][] RATES = {{11025, 12000, 8000}, null, {22050, 24000, 16000}, {44100, 48000, 32000}};

  /** Walks {@code mp3}; throws {@link AssertionError} at the first bad header, gap or truncated frame. */
  public static Mp3Frames of(byte[] mp3) {
    int at = 0;
    int count = 0;
    int rate = -1;
    int kbps = -1;
    int samplesPerFrame = 1152;
    while (at < mp3.length) {
      if (at + 4 > mp3.length) throw new AssertionError("truncated frame header at byte " + at);
      int h = (mp3[at] & 0xFF) << 24 | (mp3[at + 1] & 0xFF) << 16 | (mp3[at + 2] & 0xFF) << 8 | (mp3[at + 3] & 0xFF);
      if ((h >>> 21) != 0x7FF) throw new AssertionError("no frame sync at byte " + at);
      int version = (h >>> 19) & 3;
      int layer = (h >>> 17) & 3;
      if (version == 1 || layer != 1) throw new AssertionError("not MPEG Layer III at byte " + at);
      if (version != 3) {
        kbps = V2_LAYER3_KBPS[(h >>> 12) & 15];
        samplesPerFrame = 576;
      } else {
        throw new AssertionError("MPEG-1 is not what Ramal writes (byte " + at + ")");
      }
      int rateIndex = (h >>> 10) & 3;
      if (kbps <= 0 || rateIndex == 3) throw new AssertionError("bad bit rate or sample rate at byte " + at);
      rate = RATES[version][rateIndex];
      int padding = (h >>> 9) & 1;
      at += 72_000 * kbps / rate + padding;
      count++;
    }
    if (at != mp3.length) throw new AssertionError("the last frame runs past the end of the file");
    double millis = (count - 1) * samplesPerFrame * 1000.0 / rate;
    String head = new String(mp3, 0, Math.min(mp3.length, 400), StandardCharsets.ISO_8859_1);
    int info = head.indexOf("Info");
    int lame = head.indexOf("LAME");
    if (info >= 0 && lame >= 0 && (int32(mp3, info + 4) & 1) != 0) {
      int tagFrames = int32(mp3, info + 8);
      int delayPadding = (mp3[lame + 21] & 0xFF) << 16 | (mp3[lame + 22] & 0xFF) << 8 | (mp3[lame + 23] & 0xFF);
      millis = ((double) tagFrames * samplesPerFrame - (delayPadding >>> 12) - (delayPadding & 0xFFF)) * 1000 / rate;
    }
    return new Mp3Frames(count, rate, kbps, millis);
  }

  private static int int32(byte[] b, int at) {
    return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
  }
}
