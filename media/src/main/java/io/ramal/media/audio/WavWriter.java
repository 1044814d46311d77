package io.ramal.media.audio;

import io.ramal.media.Pcm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes canonical 44-byte-header WAV files of 16-bit linear PCM, mono or multi-channel
 * (interleaved). For a file written while audio arrives, see {@link WavOutput}.
 */
public final class WavWriter {
    /** Size of the canonical header; the samples start here. */
    public static final int HEADER_BYTES = 44;

    private WavWriter() {}

    /** A WAV file holding the clip (8 kHz mono 16-bit). */
    public static byte[] encode(Clip clip) {
        return encode(Pcm.SAMPLE_RATE, clip.samples());
    }

    /** A WAV file of 16-bit PCM at {@code sampleRate}, one array per channel (same lengths). */
    public static byte[] encode(int sampleRate, short[]... channels) {
        Objects.requireNonNull(channels, "channels");
        if (channels.length == 0) {
            throw new IllegalArgumentException("no channels");
        }
        int frames = channels[0].length;
        for (short[] c : channels) {
            if (c.length != frames) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
        long dataBytes = (long) frames * channels.length * 2;
        if (dataBytes > Integer.MAX_VALUE - HEADER_BYTES) {
            throw new IllegalArgumentException("too long for an in-memory WAV: " + dataBytes + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header(sampleRate, channels.length, dataBytes));
        for (int i = 0; i < frames; i++) {
            for (short[] c : channels) {
                buf.putShort(c[i]);
            }
        }
        return buf.array();
    }

    /** Writes the clip as an 8 kHz mono 16-bit WAV file (replacing any file there). */
    public static void write(Path file, Clip clip) throws IOException {
        Files.write(file, encode(clip));
    }

    /** A canonical header for 16-bit PCM; sizes above 4 GiB are clamped (the file is then only readable leniently). */
    public static byte[] header(int sampleRate, int channels, long dataBytes) {
        long data = Math.min(dataBytes, 0xFFFF_FFFFL - 36);
        int blockAlign = channels * 2;
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) (36 + data)).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        h.put(ascii("data")).putInt((int) data);
        return h.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
