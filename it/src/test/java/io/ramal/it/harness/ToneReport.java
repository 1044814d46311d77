package io.ramal.it.harness;

/**
 * What {@link Tone#analyze} found in a stretch of audio.
 *
 * @param dominantHz the frequency with the most energy (interpolated between FFT bins)
 * @param rms the root-mean-square level, 1.0 being a full-scale square wave (a full-scale sine is 0.707)
 * @param toneShare the part of the energy (0..1, DC excluded) within a few bins of the dominant
 *     frequency: close to 1 for a clean tone, low for noise, speech or several tones
 * @param analyzedSeconds how much audio the figures come from
 */
public record ToneReport(double dominantHz, double rms, double toneShare, double analyzedSeconds) {

  /**
   * Whether this is mostly one tone at {@code hz} (within {@code toleranceHz}), audible (rms at
   * least 0.01, i.e. -40 dBFS) and clean (at least 80 % of the energy).
   */
  public boolean isToneOf(double hz, double toleranceHz) {
    return Math.abs(dominantHz - hz) <= toleranceHz && rms >= 0.01 && toneShare >= 0.8;
  }
}
