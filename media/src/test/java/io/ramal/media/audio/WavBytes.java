package io.ramal.media.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files chunk by chunk, including broken ones, for reader tests. */
final class WavBytes {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static WavBytes riff() {
        return new WavBytes();
    }

    WavBytes fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * ((bits + 7) / 8);
        return fmt(tag, channels, rate, bits, blockAlign);
    }

    WavBytes fmt(int tag, int channels, int rate, int bits, int blockAlign) {
        ByteBuffer b = le(16);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    /** WAVE_FORMAT_EXTENSIBLE with the given sub-format tag. */
    WavBytes extensible(int subTag, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        ByteBuffer b = le(40);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits)
                .putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3)
                .putShort((short) subTag).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    WavBytes data16(short... samples) {
        ByteBuffer b = le(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return chunk("data", b.array());
    }

    WavBytes chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose declared size may lie. */
    WavBytes chunk(String id, long declaredSize, byte[] body) {
        ByteBuffer h = le(8);
        h.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) declaredSize);
        chunks.writeBytes(h.array());
        chunks.writeBytes(body);
        if (body.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer b = le(12 + body.length);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
