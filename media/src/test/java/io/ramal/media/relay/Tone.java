package io.ramal.media.relay;

import io.ramal.media.Pcm;

/** Sine frames and a Goertzel power measure, to prove audio survives the relay (test-only). */
final class Tone {
    private Tone() {}

    /** {@code samples} samples of a sine at {@code hz}, starting at sample index {@code from}. */
    static short[] sine(double hz, double amplitude, int from, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (from + i) / Pcm.SAMPLE_RATE));
        }
        return out;
    }

    /** Relative power of {@code hz} in the signal (Goertzel), normalised by length. */
    static double power(short[] s, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / Pcm.SAMPLE_RATE);
        double q1 = 0;
        double q2 = 0;
        for (short x : s) {
            double q0 = coeff * q1 - q2 + x;
            q2 = q1;
            q1 = q0;
        }
        return (q1 * q1 + q2 * q2 - coeff * q1 * q2) / ((double) s.length * s.length);
    }

    static double rms(short[] s) {
        double sum = 0;
        for (short x : s) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum / s.length);
    }
}
