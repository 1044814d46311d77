package io.ramal.media.audio;

import java.util.Objects;

/**
 * Sample-rate conversion with a Kaiser-windowed sinc low-pass (polyphase), good enough to bring
 * 16, 22.05, 44.1 or 48 kHz uploads down to 8 kHz without audible aliasing: the pass band ends
 * at 90% of the lower Nyquist frequency (3.6 kHz for 8 kHz output), the stop band is about 80 dB
 * down.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 16;
    private static final double PASS = 0.90;
    private static final double KAISER_BETA = 8.0;
    private static final int MAX_PHASES = 1024;

    private Resampler() {}

    /** {@code input} at {@code fromRate} converted to {@code toRate}; always a new array. */
    public static short[] resample(short[] input, int fromRate, int toRate) {
        Objects.requireNonNull(input, "input");
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return input.clone();
        }
        int g = gcd(fromRate, toRate);
        long up = toRate / g;
        long down = fromRate / g;
        int phases = (int) Math.min(up, MAX_PHASES);
        // cut-off in cycles per input sample
        double cutoff = 0.5 * PASS * Math.min(fromRate, toRate) / fromRate;
        int half = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        float[][] table = table(phases, half, cutoff);
        int outLength = (int) ((long) input.length * toRate / fromRate);
        short[] out = new short[outLength];
        for (int n = 0; n < outLength; n++) {
            long position = n * down;
            int base = (int) (position / up);
            int phase = (int) ((position % up) * phases / up);
            float[] taps = table[phase];
            int first = base - half + 1;
            double acc = 0;
            int kStart = Math.max(0, -first);
            int kEnd = Math.min(taps.length, input.length - first);
            for (int k = kStart; k < kEnd; k++) {
                acc += taps[k] * input[first + k];
            }
            out[n] = clamp(acc);
        }
        return out;
    }

    /** One row per phase: taps for input offsets {@code -half+1 .. half}, each row summing to 1. */
    private static float[][] table(int phases, int half, double cutoff) {
        float[][] table = new float[phases][2 * half];
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            double sum = 0;
            double[] row = new double[2 * half];
            for (int k = 0; k < row.length; k++) {
                double t = (k - half + 1) - frac;
                row[k] = 2 * cutoff * sinc(2 * cutoff * t) * kaiser(t / half);
                sum += row[k];
            }
            for (int k = 0; k < row.length; k++) {
                table[p][k] = (float) (row[k] / sum);
            }
        }
        return table;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    private static double kaiser(double x) {
        if (x <= -1 || x >= 1) {
            return 0;
        }
        return bessel0(KAISER_BETA * Math.sqrt(1 - x * x)) / bessel0(KAISER_BETA);
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double quarter = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= quarter / ((double) k * k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }

    private static short clamp(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
