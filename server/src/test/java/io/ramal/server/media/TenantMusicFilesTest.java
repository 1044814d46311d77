package io.ramal.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.api.music.HoldMusic;
import io.ramal.api.music.MusicUpload;
import io.ramal.media.audio.Clip;
import io.ramal.media.audio.Goertzel;
import io.ramal.media.audio.UploadLimits;
import io.ramal.media.audio.WavReader;
import io.ramal.media.audio.WavWriter;
import io.ramal.media.player.MusicOnHold;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantMusicFilesTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-05-01T12:00:00Z"));
  private final Path dir = tempDir();
  private final MusicOnHold music = MusicOnHold.withDefaultMusic();
  private final TenantMusicFiles files = TenantMusicFiles.open(dir, music, UploadLimits.DEFAULT, CLOCK);

  @AfterEach
  void clean() throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** {@code seconds} of a sine at {@code hz}, 16 kHz stereo 16-bit (converted on upload). */
  static byte[] toneWav(double hz, double seconds) {
    int n = (int) (16_000 * seconds);
    short[] samples = new short[n];
    for (int i = 0; i < n; i++) {
      samples[i] = (short) Math.round(12_000 * Math.sin(2 * Math.PI * hz * i / 16_000));
    }
    return WavWriter.encode(16_000, samples, samples);
  }

  private static double level(Clip clip, double hz) {
    return Goertzel.amplitude(clip.samples(), hz);
  }

  @Test
  void anUploadIsConvertedStoredAndPlayedForItsTenantOnly() {
    MusicUpload upload = files.upload("acme", toneWav(700, 3));

    assertThat(upload).isInstanceOfSatisfying(MusicUpload.Stored.class, stored -> {
      assertThat(stored.uploadedFormat()).isEqualTo("PCM 16-bit 16000 Hz stereo");
      assertThat(stored.music().source()).isEqualTo(HoldMusic.Source.TENANT);
      assertThat(stored.music().duration()).isEqualTo(Duration.ofSeconds(3));
      assertThat(stored.music().wav()).hasSize(44 + 3 * 8000 * 2);
    });
    Clip acme = music.music("acme");
    assertThat(acme.duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(level(acme, 700)).isGreaterThan(10 * level(acme, 1000));
    assertThat(music.music("beta")).as("another tenant").isEqualTo(MusicOnHold.defaultMusic());
    assertThat(dir.resolve("acme.wav")).exists();
    assertThat(files.current("acme").wav()).isEqualTo(((MusicUpload.Stored) upload).music().wav());
    assertThat(files.current("beta").source()).isEqualTo(HoldMusic.Source.DEFAULT);
  }

  @Test
  void storedMusicIsPlayedAgainAfterARestart() {
    files.upload("acme", toneWav(700, 2));

    MusicOnHold afterRestart = MusicOnHold.withDefaultMusic();
    TenantMusicFiles reopened = TenantMusicFiles.open(dir, afterRestart, UploadLimits.DEFAULT, CLOCK);

    assertThat(afterRestart.music("acme")).isEqualTo(music.music("acme"));
    assertThat(reopened.current("acme").source()).isEqualTo(HoldMusic.Source.TENANT);
  }

  @Test
  void goingBackToTheDefaultRemovesTheFile() {
    files.upload("acme", toneWav(700, 2));

    assertThat(files.useDefault("acme")).isTrue();
    assertThat(files.useDefault("acme")).isFalse();
    assertThat(music.music("acme")).isEqualTo(MusicOnHold.defaultMusic());
    assertThat(dir.resolve("acme.wav")).doesNotExist();
    HoldMusic current = files.current("acme");
    assertThat(current.source()).isEqualTo(HoldMusic.Source.DEFAULT);
    assertThat(WavReader.read(current.wav()).orElseThrow()).isEqualTo(MusicOnHold.defaultMusic());
  }

  @Test
  void badUploadsAreRefusedWithTheirReasonAndChangeNothing() {
    files.upload("acme", toneWav(700, 2));
    Clip before = music.music("acme");

    MusicUpload notWav = files.upload("acme", "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    MusicUpload silent = files.upload("acme", WavWriter.encode(8000, new short[16_000]));
    MusicUpload tooShort = files.upload("acme", toneWav(700, 0.5));
    TenantMusicFiles small = TenantMusicFiles.open(dir, music,
        new UploadLimits(10_000, Duration.ofSeconds(1), Duration.ofMinutes(1)), CLOCK);
    MusicUpload tooLarge = small.upload("acme", toneWav(700, 2));

    assertThat(notWav).isEqualTo(new MusicUpload.Refused(false, "not a WAV file (expected a RIFF/WAVE header)"));
    assertThat(silent).isEqualTo(new MusicUpload.Refused(false, "the audio is silent"));
    assertThat(tooShort).isInstanceOfSatisfying(MusicUpload.Refused.class,
        r -> assertThat(r.reason()).startsWith("the audio is too short: 0.5 s"));
    assertThat(tooLarge).isInstanceOfSatisfying(MusicUpload.Refused.class, r -> assertThat(r.tooLarge()).isTrue());
    assertThat(music.music("acme")).isEqualTo(before);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("no temporary file left behind").containsExactly(dir.resolve("acme.wav"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ramal-moh-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
