package io.ramal.media.audio;

/**
 * Keeps a sum of several voices inside 16 bits without harsh clipping: linear up to a knee at
 * 75% of full scale, then a smooth curve (slope 1 at the knee) that approaches but never reaches
 * full scale. Used by the conference mixer and the recorder.
 */
public final class SoftLimiter {
    /** Where compression starts. */
    public static final int KNEE = 24576;
    private static final int ROOM = Short.MAX_VALUE - KNEE;

    private SoftLimiter() {}

    /** One mixed sample (any int) brought into 16 bits. */
    public static short limit(int sample) {
        if (sample <= KNEE && sample >= -KNEE) {
            return (short) sample;
        }
        long over = Math.abs((long) sample) - KNEE;
        int magnitude = KNEE + (int) (ROOM * over / (ROOM + over));
        return (short) (sample < 0 ? -magnitude : magnitude);
    }

    /** {@code out[i] = limit(in[i])} for the first {@code length} samples. */
    public static void limit(int[] in, short[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = limit(in[i]);
        }
    }
}
