package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToneTest {

  private static final Duration NONE = Duration.ZERO;

  @Test
  void findsTheFrequencyOfAGeneratedSine() {
    for (double hz : new double[] {440, 600, 1000, 2600}) {
      ToneReport report = Tone.analyze(Tone.sine(hz, Duration.ofSeconds(1)), NONE, NONE);

      assertThat(report.dominantHz()).isCloseTo(hz, within(1.0));
      assertThat(report.toneShare()).isGreaterThan(0.99);
      assertThat(report.isToneOf(hz, 5)).isTrue();
    }
  }

  @Test
  void measuresTheLevelOfASine() {
    ToneReport report = Tone.analyze(Tone.sine(1000, Duration.ofSeconds(1), 8000, 0.5), NONE, NONE);

    assertThat(report.rms()).isCloseTo(0.5 / Math.sqrt(2), within(0.005));
  }

  @Test
  void twoTonesAreNotOneTone() {
    short[] a = Tone.sine(600, Duration.ofSeconds(1), 8000, 0.4).samples();
    short[] b = Tone.sine(1000, Duration.ofSeconds(1), 8000, 0.4).samples();
    short[] mix = new short[a.length];
    for (int i = 0; i < mix.length; i++) {
      mix[i] = (short) (a[i] + b[i]);
    }

    ToneReport report = Tone.analyze(new Wav(8000, 1, mix), NONE, NONE);

    assertThat(report.toneShare()).isBetween(0.3, 0.7);
    assertThat(report.isToneOf(600, 5) || report.isToneOf(1000, 5)).isFalse();
  }

  @Test
  void silenceIsNoTone() {
    ToneReport report = Tone.analyze(new Wav(8000, 1, new short[8000]), NONE, NONE);

    assertThat(report.rms()).isZero();
    assertThat(report.isToneOf(1000, 500)).isFalse();
  }

  @Test
  void ignoresTheHeadAndTailItIsTold() {
    short[] tone = Tone.sine(1000, Duration.ofSeconds(1)).samples();
    short[] withNoise = new short[tone.length + 8000];
    System.arraycopy(tone, 0, withNoise, 4000, tone.length);
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 4000; i++) {
      withNoise[i] = (short) random.nextInt(-20000, 20000);
      withNoise[withNoise.length - 1 - i] = (short) random.nextInt(-20000, 20000);
    }
    Wav audio = new Wav(8000, 1, withNoise);

    assertThat(Tone.analyze(audio, NONE, NONE).isToneOf(1000, 5)).isFalse();
    assertThat(Tone.analyze(audio, Duration.ofMillis(500), Duration.ofMillis(500)).isToneOf(1000, 5)).isTrue();
  }

  @Test
  void analyzesStereoAtAnyRate() {
    short[] mono = Tone.sine(1000, Duration.ofSeconds(1), 48000, 0.5).samples();
    short[] stereo = new short[mono.length * 2];
    for (int i = 0; i < mono.length; i++) {
      stereo[2 * i] = mono[i];
      stereo[2 * i + 1] = mono[i];
    }

    ToneReport report = Tone.analyze(new Wav(48000, 2, stereo), NONE, NONE);

    assertThat(report.dominantHz()).isCloseTo(1000, within(2.0));
  }

  @Test
  void wavRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
    Wav tone = Tone.sine(600, Duration.ofMillis(250));
    Path file = dir.resolve("tone.wav");

    tone.write(file);
    Wav read = Wav.read(file);

    assertThat(Files.size(file)).isEqualTo(44 + 2 * 2000);
    assertThat(read.sampleRate()).isEqualTo(8000);
    assertThat(read.channels()).isEqualTo(1);
    assertThat(read.samples()).isEqualTo(tone.samples());
    assertThat(read.duration()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void readsAFileWhoseSizesAreNotWrittenYet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("recording.wav");
    Tone.sine(1000, Duration.ofMillis(500)).write(file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0).putInt(40, 0);

    Wav read = Wav.parse(bytes);

    assertThat(read.frames()).isEqualTo(4000);
  }

  @Test
  void skipsUnknownChunks() {
    byte[] plain = wavBytes(Tone.sine(1000, Duration.ofMillis(100)));
    ByteBuffer extended = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
    extended.put(plain, 0, 36);
    extended.put("LIST".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(4).putInt(0);
    extended.put(plain, 36, plain.length - 36);

    assertThat(Wav.parse(extended.array()).frames()).isEqualTo(800);
  }

  @Test
  void rejectsWhatIsNotSixteenBitPcm() {
    byte[] bytes = wavBytes(Tone.sine(1000, Duration.ofMillis(100)));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 8);

    assertThatThrownBy(() -> Wav.parse(bytes)).hasMessageContaining("16-bit");
    assertThatThrownBy(() -> Wav.parse(new byte[] {1, 2, 3})).hasMessageContaining("RIFF");
  }

  private static byte[] wavBytes(Wav wav) {
    try {
      Path file = Files.createTempFile("tone", ".wav");
      try {
        wav.write(file);
        return Files.readAllBytes(file);
      } finally {
        Files.delete(file);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
