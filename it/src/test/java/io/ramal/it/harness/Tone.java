package io.ramal.it.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Generates sine tones as WAV audio and finds the tone in recorded audio, to check that media
 * really flowed between peers.
 *
 * <pre>{@code
 * Tone.sine(1000, Duration.ofSeconds(20)).write(dir.resolve("tone.wav")); // 8 kHz mono 16-bit
 * ToneReport report = Tone.analyze(receivedWav, Duration.ofMillis(500), Duration.ofMillis(300));
 * assertThat(report.isToneOf(1000, 20)).as(report.toString()).isTrue();
 * }</pre>
 *
 * <p>Analysis averages Hann-windowed power spectra of overlapping frames (Welch's method), takes
 * the strongest bin above DC and refines it by parabolic interpolation: about 1 Hz precision at
 * 8 kHz with 4096-sample frames. The first and last part of a call (ringing, jitter buffer
 * fill, hang-up) are usually skipped with the head/tail durations.
 */
public final class Tone {

  /** Sample rate of {@link #sine(double, Duration)}: narrowband telephony. */
  public static final int TELEPHONY_RATE = 8000;

  private static final int MAX_FRAME = 4096;
  private static final int MIN_FRAME = 256;
  private static final int PEAK_HALF_WIDTH = 4;

  private Tone() {}

  /** A mono 8 kHz sine at half of full scale. */
  public static Wav sine(double frequencyHz, Duration duration) {
    return sine(frequencyHz, duration, TELEPHONY_RATE, 0.5);
  }

  /** A mono sine; {@code amplitude} is the peak as a fraction of full scale (0..1]. */
  public static Wav sine(double frequencyHz, Duration duration, int sampleRate, double amplitude) {
    Objects.requireNonNull(duration, "duration");
    if (frequencyHz <= 0 || frequencyHz >= sampleRate / 2.0) {
      throw new IllegalArgumentException("frequency must lie between 0 and " + sampleRate / 2 + " Hz: " + frequencyHz);
    }
    if (amplitude <= 0 || amplitude > 1) {
      throw new IllegalArgumentException("amplitude must lie in (0, 1]: " + amplitude);
    }
    int count = (int) (duration.toNanos() * sampleRate / 1_000_000_000L);
    short[] samples = new short[count];
    double step = 2 * Math.PI * frequencyHz / sampleRate;
    for (int i = 0; i < count; i++) {
      samples[i] = (short) Math.round(Math.sin(step * i) * amplitude * Short.MAX_VALUE);
    }
    return new Wav(sampleRate, 1, samples);
  }

  /** Analyzes a WAV file, skipping {@code head} and {@code tail}. */
  public static ToneReport analyze(Path file, Duration head, Duration tail) {
    return analyze(Wav.read(file), head, tail);
  }

  /** Analyzes audio (down-mixed to mono), skipping {@code head} and {@code tail}. */
  public static ToneReport analyze(Wav audio, Duration head, Duration tail) {
    Wav part = audio.mono().trimmed(head, tail);
    double[] x = normalized(part.samples());
    if (x.length < MIN_FRAME) {
      throw new IllegalArgumentException("too little audio to analyze: " + part);
    }
    int frame = Integer.highestOneBit(Math.min(MAX_FRAME, x.length));
    double[] power = averagePowerSpectrum(x, frame);
    int peak = 1;
    for (int bin = 2; bin < power.length - 1; bin++) {
      if (power[bin] > power[peak]) {
        peak = bin;
      }
    }
    double total = 0;
    double nearPeak = 0;
    for (int bin = 1; bin < power.length; bin++) {
      total += power[bin];
      if (Math.abs(bin - peak) <= PEAK_HALF_WIDTH) {
        nearPeak += power[bin];
      }
    }
    double offset = interpolate(power[peak - 1], power[peak], power[peak + 1]);
    double dominant = (peak + offset) * part.sampleRate() / frame;
    return new ToneReport(dominant, rms(x), total == 0 ? 0 : nearPeak / total, (double) x.length / part.sampleRate());
  }

  private static double[] normalized(short[] samples) {
    double[] x = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      x[i] = samples[i] / 32768.0;
    }
    return x;
  }

  private static double rms(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    return Math.sqrt(sum / x.length);
  }

  /** Welch: mean power spectrum (bins 0..frame/2) of Hann-windowed frames overlapping by half. */
  private static double[] averagePowerSpectrum(double[] x, int frame) {
    double[] window = new double[frame];
    for (int i = 0; i < frame; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (frame - 1));
    }
    double[] power = new double[frame / 2 + 1];
    int frames = 0;
    for (int start = 0; start + frame <= x.length; start += frame / 2) {
      double[] re = new double[frame];
      double[] im = new double[frame];
      for (int i = 0; i < frame; i++) {
        re[i] = x[start + i] * window[i];
      }
      fft(re, im);
      for (int bin = 0; bin < power.length; bin++) {
        power[bin] += re[bin] * re[bin] + im[bin] * im[bin];
      }
      frames++;
    }
    for (int bin = 0; bin < power.length; bin++) {
      power[bin] /= frames;
    }
    return power;
  }

  /** Offset (-0.5..0.5 bins) of the true peak, from a parabola through the log powers around it. */
  private static double interpolate(double left, double centre, double right) {
    double a = Math.log(left + 1e-30);
    double b = Math.log(centre + 1e-30);
    double c = Math.log(right + 1e-30);
    double denominator = a - 2 * b + c;
    if (denominator == 0) {
      return 0;
    }
    return Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / denominator));
  }

  /** In-place iterative radix-2 FFT; the length must be a power of two. */
  private static void fft(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int length = 2; length <= n; length <<= 1) {
      double angle = -2 * Math.PI / length;
      double stepRe = Math.cos(angle);
      double stepIm = Math.sin(angle);
      for (int start = 0; start < n; start += length) {
        double wRe = 1;
        double wIm = 0;
        for (int k = 0; k < length / 2; k++) {
          int even = start + k;
          int odd = even + length / 2;
          double tRe = re[odd] * wRe - im[odd] * wIm;
          double tIm = re[odd] * wIm + im[odd] * wRe;
          re[odd] = re[even] - tRe;
          im[odd] = im[even] - tIm;
          re[even] += tRe;
          im[even] += tIm;
          double nextRe = wRe * stepRe - wIm * stepIm;
          wIm = wRe * stepIm + wIm * stepRe;
          wRe = nextRe;
        }
      }
    }
  }
}
