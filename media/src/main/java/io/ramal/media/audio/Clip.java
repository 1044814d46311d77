package io.ramal.media.audio;

import io.ramal.media.Pcm;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable piece of audio in the media plane's format (8 kHz, mono, signed 16-bit): a prompt,
 * an announcement, music on hold. Made from a WAV by {@link WavReader} or from samples.
 */
public final class Clip {
    private final short[] samples;

    private Clip(short[] samples) {
        this.samples = samples;
    }

    /** A clip holding a copy of {@code samples} (8 kHz mono). */
    public static Clip of(short[] samples) {
        return new Clip(Objects.requireNonNull(samples, "samples").clone());
    }

    /** Takes ownership of an array nobody else holds. */
    static Clip adopt(short[] samples) {
        return new Clip(samples);
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    /** Number of 20 ms frames, the last one possibly partial. */
    public int frames() {
        return (samples.length + Pcm.FRAME_SAMPLES - 1) / Pcm.FRAME_SAMPLES;
    }

    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / Pcm.SAMPLE_RATE);
    }

    public short sample(int index) {
        return samples[index];
    }

    /** A copy of all samples. */
    public short[] samples() {
        return samples.clone();
    }

    /** Copies {@code length} samples from {@code from} into {@code dest} at {@code destOffset}. */
    public void copyTo(int from, short[] dest, int destOffset, int length) {
        System.arraycopy(samples, from, dest, destOffset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clip other && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Clip[" + duration().toMillis() + " ms]";
    }
}
