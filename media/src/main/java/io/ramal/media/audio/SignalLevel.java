package io.ramal.media.audio;

import java.util.Objects;

/**
 * Loudness of a block of samples: RMS in sample units and in dBFS, referenced so that a
 * full-scale sine reads 0 dBFS (its RMS is full scale / √2), and a silence test.
 */
public final class SignalLevel {
    /** Below this a frame is silence for {@link #isSilent(short[])}. */
    public static final double DEFAULT_SILENCE_DBFS = -60;

    private SignalLevel() {}

    /** Root mean square of {@code samples[offset .. offset+length)}, in sample units. */
    public static double rms(short[] samples, int offset, int length) {
        Objects.requireNonNull(samples, "samples");
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }

    public static double rms(short[] samples) {
        return rms(samples, 0, samples.length);
    }

    /** RMS level in dBFS (sine-referenced); {@link Goertzel#FLOOR_DBFS} for digital silence. */
    public static double dbfs(short[] samples, int offset, int length) {
        return Goertzel.toDbfs(rms(samples, offset, length) * Math.sqrt(2) / Short.MAX_VALUE);
    }

    public static double dbfs(short[] samples) {
        return dbfs(samples, 0, samples.length);
    }

    /** Largest absolute sample value. */
    public static int peak(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    /** True when the RMS level is below {@code thresholdDbfs}. */
    public static boolean isSilent(short[] samples, double thresholdDbfs) {
        return dbfs(samples) < thresholdDbfs;
    }

    /** True when the RMS level is below {@value #DEFAULT_SILENCE_DBFS} dBFS. */
    public static boolean isSilent(short[] samples) {
        return isSilent(samples, DEFAULT_SILENCE_DBFS);
    }
}
