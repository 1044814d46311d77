package io.ramal.media.audio;

import java.util.Objects;

/**
 * The shape of the samples in a WAV file's {@code fmt } chunk, as far as we interpret it.
 *
 * @param encoding linear PCM, µ-law (format 7) or A-law (format 6)
 * @param sampleRate samples per second per channel
 * @param channels 1 (mono) or 2 (stereo)
 * @param bitsPerSample 8, 16 or 24 for PCM; 8 for µ-law and A-law
 */
public record WavFormat(Encoding encoding, int sampleRate, int channels, int bitsPerSample) {
    /** The media plane's own format: 8 kHz mono 16-bit PCM. */
    public static final WavFormat TELEPHONY = new WavFormat(Encoding.PCM, 8000, 1, 16);

    /** Sample encodings we read. */
    public enum Encoding {
        PCM(1), ALAW(6), MULAW(7);

        private final int tag;

        Encoding(int tag) {
            this.tag = tag;
        }

        /** The WAVE format tag ({@code wFormatTag}). */
        public int tag() {
            return tag;
        }
    }

    public WavFormat {
        Objects.requireNonNull(encoding, "encoding");
        if (sampleRate <= 0 || channels <= 0 || bitsPerSample <= 0) {
            throw new IllegalArgumentException("non-positive format field: " + sampleRate + "/" + channels + "/" + bitsPerSample);
        }
    }

    /** Bytes per sample of one channel. */
    public int bytesPerSample() {
        return (bitsPerSample + 7) / 8;
    }

    /** Bytes per sample frame (all channels). */
    public int blockAlign() {
        return bytesPerSample() * channels;
    }

    public long byteRate() {
        return (long) blockAlign() * sampleRate;
    }
}
