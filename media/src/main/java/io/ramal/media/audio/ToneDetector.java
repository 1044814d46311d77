package io.ramal.media.audio;

import io.ramal.media.Pcm;
import java.util.Objects;

/**
 * Decides whether one frequency is present, frame by frame (or over any block): its Goertzel
 * level must reach {@code minLevelDbfs} and be no more than {@code maxBelowTotalDb} below the
 * block's total level, so a tone buried in louder other sound or noise does not count.
 */
public final class ToneDetector {
    /** Default: present at -40 dBFS or louder. */
    public static final double DEFAULT_MIN_DBFS = -40;
    /** Default: at most 12 dB below the block's total level. */
    public static final double DEFAULT_MAX_BELOW_TOTAL_DB = 12;

    private final double frequency;
    private final double minLevelDbfs;
    private final double maxBelowTotalDb;

    public ToneDetector(double frequency, double minLevelDbfs, double maxBelowTotalDb) {
        if (!(frequency > 0 && frequency < Pcm.SAMPLE_RATE / 2.0)) {
            throw new IllegalArgumentException("frequency out of range: " + frequency);
        }
        this.frequency = frequency;
        this.minLevelDbfs = minLevelDbfs;
        this.maxBelowTotalDb = maxBelowTotalDb;
    }

    /** A detector with the default thresholds. */
    public ToneDetector(double frequency) {
        this(frequency, DEFAULT_MIN_DBFS, DEFAULT_MAX_BELOW_TOTAL_DB);
    }

    public double frequency() {
        return frequency;
    }

    /** The tone's level in the block, dBFS. */
    public double levelDbfs(short[] block) {
        return Goertzel.levelDbfs(block, frequency);
    }

    /** Whether the tone is present in the whole block. */
    public boolean present(short[] block) {
        return present(block, 0, block.length);
    }

    /** Whether the tone is present in {@code samples[offset .. offset+length)}. */
    public boolean present(short[] samples, int offset, int length) {
        double level = Goertzel.levelDbfs(samples, offset, length, frequency);
        return level >= minLevelDbfs && level >= SignalLevel.dbfs(samples, offset, length) - maxBelowTotalDb;
    }

    /** Presence in each 20 ms frame of a longer recording (a trailing partial frame is ignored). */
    public boolean[] presenceByFrame(short[] samples) {
        Objects.requireNonNull(samples, "samples");
        boolean[] result = new boolean[samples.length / Pcm.FRAME_SAMPLES];
        for (int f = 0; f < result.length; f++) {
            result[f] = present(samples, f * Pcm.FRAME_SAMPLES, Pcm.FRAME_SAMPLES);
        }
        return result;
    }
}
