package io.ramal.media.audio;

import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import java.util.List;
import java.util.Objects;

/**
 * Endless sine or multi-tone (dual-tone for DTMF-like signals) audio at 8 kHz, phase-continuous
 * from frame to frame. As a {@link FrameSource} it never finishes; each {@link #read()} gives a
 * new array. Not thread-safe (one reader, like every frame source).
 */
public final class ToneGenerator implements FrameSource {
    private final List<Tone> tones;
    private long position;

    private ToneGenerator(List<Tone> tones) {
        this.tones = tones;
    }

    /** The sum of the given tones (clipped if their amplitudes add above full scale). */
    public static ToneGenerator of(Tone... tones) {
        Objects.requireNonNull(tones, "tones");
        if (tones.length == 0) {
            throw new IllegalArgumentException("no tones");
        }
        return new ToneGenerator(List.of(tones));
    }

    /** A single sine. */
    public static ToneGenerator sine(double frequency, double amplitude) {
        return of(new Tone(frequency, amplitude));
    }

    /** Two sines of equal amplitude (each {@code amplitude}). */
    public static ToneGenerator dual(double low, double high, double amplitude) {
        return of(new Tone(low, amplitude), new Tone(high, amplitude));
    }

    /** {@code count} samples of the given tones, starting at phase zero. */
    public static short[] samples(int count, Tone... tones) {
        return of(tones).next(count);
    }

    /** One 20 ms frame of the given tones, starting at phase zero. */
    public static short[] frame(Tone... tones) {
        return samples(Pcm.FRAME_SAMPLES, tones);
    }

    @Override
    public short[] read() {
        return next(Pcm.FRAME_SAMPLES);
    }

    /** The next {@code count} samples. */
    public short[] next(int count) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            double t = (double) (position + i) / Pcm.SAMPLE_RATE;
            double v = 0;
            for (Tone tone : tones) {
                v += tone.amplitude() * Math.sin(2 * Math.PI * tone.frequency() * t);
            }
            long s = Math.round(v * Short.MAX_VALUE);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
        }
        position += count;
        return out;
    }
}
