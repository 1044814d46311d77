package io.ramal.media.audio;

import io.ramal.media.Pcm;
import java.util.Objects;

/**
 * The Goertzel algorithm: how strongly one frequency is present in a block of 8 kHz samples. A
 * Hann window is applied, so a neighbouring tone 100 Hz away or more barely leaks into a 20 ms
 * block's reading. Results are the sine's amplitude as a fraction of full scale, or in dBFS
 * (a full-scale sine reads 0 dBFS).
 */
public final class Goertzel {
    /** The floor returned for silence, in dBFS. */
    public static final double FLOOR_DBFS = -120;

    private Goertzel() {}

    /** Amplitude (fraction of full scale) of {@code frequency} in {@code samples[offset .. offset+length)}. */
    public static double amplitude(short[] samples, int offset, int length, double frequency) {
        Objects.requireNonNull(samples, "samples");
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (length < 2) {
            return 0;
        }
        double omega = 2 * Math.PI * frequency / Pcm.SAMPLE_RATE;
        double coeff = 2 * Math.cos(omega);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        // Hann window by rotating (cos, sin) one step per sample instead of calling cos each time
        double step = 2 * Math.PI / (length - 1);
        double cosStep = Math.cos(step);
        double sinStep = Math.sin(step);
        double c = 1;
        double sn = 0;
        for (int i = 0; i < length; i++) {
            double w = 0.5 - 0.5 * c;
            double nextC = c * cosStep - sn * sinStep;
            sn = sn * cosStep + c * sinStep;
            c = nextC;
            windowSum += w;
            double s0 = w * samples[offset + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / windowSum / Short.MAX_VALUE;
    }

    /** Amplitude (fraction of full scale) of {@code frequency} over the whole array. */
    public static double amplitude(short[] samples, double frequency) {
        return amplitude(samples, 0, samples.length, frequency);
    }

    /** Level of {@code frequency} in dBFS over a range. */
    public static double levelDbfs(short[] samples, int offset, int length, double frequency) {
        return toDbfs(amplitude(samples, offset, length, frequency));
    }

    /** Level of {@code frequency} in dBFS over the whole array (e.g. one frame). */
    public static double levelDbfs(short[] samples, double frequency) {
        return levelDbfs(samples, 0, samples.length, frequency);
    }

    static double toDbfs(double amplitude) {
        return amplitude <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(amplitude));
    }
}
