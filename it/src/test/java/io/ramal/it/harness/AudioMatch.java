package io.ramal.it.harness;

import java.time.Duration;

/**
 * Where a known piece of audio (a shipped prompt) sits in what a phone heard, by normalised
 * cross-correlation: 1.0 where the heard samples are the piece itself (at any level), near 0 for
 * unrelated sound or silence. Samples are 8 kHz mono.
 *
 * @param at    where the best match starts in the heard audio
 * @param score the normalised cross-correlation there, -1 to 1
 */
public record AudioMatch(Duration at, double score) {
  private static final int RATE = 8000;

  /**
   * The best match of {@code piece} starting between {@code from} and {@code to} in {@code heard}
   * (a start past the heard audio's end is not tried).
   */
  public static AudioMatch best(short[] heard, short[] piece, Duration from, Duration to) {
    double pieceEnergy = 0;
    for (short s : piece) pieceEnergy += (double) s * s;
    int first = Math.max(0, samples(from));
    int last = Math.min(heard.length - piece.length, samples(to));
    int bestAt = first;
    double best = -1;
    for (int start = first; start <= last; start++) {
      double dot = 0;
      double energy = 0;
      for (int i = 0; i < piece.length; i++) {
        double h = heard[start + i];
        dot += h * piece[i];
        energy += h * h;
      }
      double score = energy == 0 || pieceEnergy == 0 ? 0 : dot / Math.sqrt(energy * pieceEnergy);
      if (score > best) {
        best = score;
        bestAt = start;
      }
    }
    return new AudioMatch(Duration.ofNanos(bestAt * 1_000_000_000L / RATE), best);
  }

  /** The duration of {@code samples} 8 kHz samples. */
  public static Duration length(short[] samples) {
    return Duration.ofNanos(samples.length * 1_000_000_000L / RATE);
  }

  private static int samples(Duration d) {
    return (int) (d.toNanos() * RATE / 1_000_000_000L);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.3f at %d ms", score, at.toMillis());
  }
}
