package io.ramal.media.audio;

/**
 * A sine component: {@code frequency} in Hz (below the 4 kHz Nyquist limit) and {@code amplitude}
 * as a fraction of full scale (1.0 = peak 32767).
 */
public record Tone(double frequency, double amplitude) {
    public Tone {
        if (!(frequency > 0 && frequency < 4000)) {
            throw new IllegalArgumentException("frequency must be in (0, 4000) Hz: " + frequency);
        }
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude must be in [0, 1]: " + amplitude);
        }
    }

    /** A tone whose peak is {@code dbfs} decibels below full scale. */
    public static Tone ofDbfs(double frequency, double dbfs) {
        return new Tone(frequency, Math.pow(10, dbfs / 20));
    }
}
