package io.ramal.media.audio;

import io.ramal.media.Pcm;
import java.time.Duration;
import java.util.Objects;

/**
 * The decoded audio of a WAV file in its own rate and layout: one linear 16-bit array per
 * channel (µ-law, A-law, 8- and 24-bit PCM are converted to 16-bit). Use
 * {@link #toClip()} to get the media plane's 8 kHz mono form.
 *
 * @param format the file's format as declared
 * @param channels one sample array per channel, all of the same length
 */
public record WavContent(WavFormat format, short[][] channels) {
    public WavContent {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(channels, "channels");
        if (channels.length != format.channels()) {
            throw new IllegalArgumentException(channels.length + " channels, format says " + format.channels());
        }
    }

    /** Samples per channel. */
    public int frames() {
        return channels.length == 0 ? 0 : channels[0].length;
    }

    public Duration duration() {
        return Duration.ofNanos(frames() * 1_000_000_000L / format.sampleRate());
    }

    /** The channel with that index (0 = left). */
    public short[] channel(int index) {
        return channels[index];
    }

    /** Down-mixed to mono and resampled to 8 kHz. */
    public Clip toClip() {
        short[] mono = channels.length == 1 ? channels[0] : downmix(channels);
        return Clip.adopt(Resampler.resample(mono, format.sampleRate(), Pcm.SAMPLE_RATE));
    }

    private static short[] downmix(short[][] channels) {
        int n = channels[0].length;
        short[] mono = new short[n];
        for (int i = 0; i < n; i++) {
            int sum = 0;
            for (short[] channel : channels) {
                sum += channel[i];
            }
            mono[i] = (short) (sum / channels.length);
        }
        return mono;
    }
}
