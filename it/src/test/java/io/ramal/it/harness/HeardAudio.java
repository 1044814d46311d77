package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.media.audio.Goertzel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a baresip phone heard during its current call, measured on the WAV it records of what it
 * receives: how much so far, waiting for more, and the tone in a stretch of it.
 */
public final class HeardAudio {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private HeardAudio() {}

  /** How much audio {@code phone} has received in its current call (0 before any). */
  public static Duration heard(Baresip phone) {
    List<Path> files = phone.receivedAudio();
    return files.isEmpty() ? Duration.ZERO : Wav.read(files.getLast()).duration();
  }

  /** Waits until {@code phone} has received {@code atLeast} of audio; how much it has then. */
  public static Duration awaitHeard(Baresip phone, Duration atLeast) {
    return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> heard(phone), heard -> heard.compareTo(atLeast) >= 0);
  }

  /** Everything {@code phone} received in its last call, as mono audio. */
  public static Wav received(Baresip phone) {
    return Wav.read(phone.awaitReceivedAudio(WAIT)).mono();
  }

  /** The tone analysis of {@code audio} between {@code from} and {@code to}. */
  public static ToneReport window(Wav audio, Duration from, Duration to) {
    long total = audio.duration().toMillis();
    return Tone.analyze(audio.trimmed(from, Duration.ofMillis(Math.max(0, total - to.toMillis()))), Duration.ZERO,
        Duration.ZERO);
  }

  /** A tone in what a phone hears through the mixer: well audible. */
  public static final double AUDIBLE_DBFS = -32;
  /** A phone's own tone, or a party it must not hear: absent. */
  public static final double ABSENT_DBFS = -50;

  /**
   * What {@code phone} received between {@code from} and {@code to} holds every tone of
   * {@code heard} (above {@link #AUDIBLE_DBFS}) and none of {@code absent} (below {@link #ABSENT_DBFS}).
   */
  public static void hearsOnly(Baresip phone, Duration from, Duration to, String who, List<Double> heard,
      List<Double> absent) {
    Wav audio = received(phone);
    short[] all = audio.samples();
    int start = (int) (from.toMillis() * audio.sampleRate() / 1000);
    int end = (int) Math.min(all.length, to.toMillis() * audio.sampleRate() / 1000);
    assertThat(end - start).as(who + ": enough audio").isGreaterThan(audio.sampleRate() / 2);
    for (double hz : heard) {
      assertThat(Goertzel.levelDbfs(all, start, end - start, hz)).as(who + " hears " + hz + " Hz")
          .isGreaterThan(AUDIBLE_DBFS);
    }
    for (double hz : absent) {
      assertThat(Goertzel.levelDbfs(all, start, end - start, hz)).as(who + " does not hear " + hz + " Hz")
          .isLessThan(ABSENT_DBFS);
    }
  }
}
