package io.ramal.media.codec;

/**
 * G.711 A-law. Encoding follows the ITU reference: the 16-bit sample is reduced to 12 bits of
 * magnitude (one's complement for negatives), cut into 8 segments and its even bits inverted
 * ({@code ^ 0x55}); decoding gives the segment mid-points scaled back to 16 bits. Both directions
 * are table lookups.
 */
public final class ALaw {
    private static final short[] DECODE = new short[256];
    /** Indexed by the top 12 bits of the sample: {@code (sample >> 4) + 2048}. */
    private static final byte[] ENCODE = new byte[1 << 12];

    static {
        for (int b = 0; b < 256; b++) {
            DECODE[b] = (short) expand(b);
        }
        for (int i = 0; i < ENCODE.length; i++) {
            ENCODE[i] = (byte) compress((i - 2048) << 4);
        }
    }

    private ALaw() {}

    public static byte encode(short sample) {
        return ENCODE[(sample >> 4) + 2048];
    }

    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** The ITU G.191 {@code alaw_compress} for one left-justified 16-bit sample. */
    static int compress(int sample) {
        int ix = sample < 0 ? (~sample) >> 4 : sample >> 4;
        if (ix > 15) {
            int exponent = 1;
            while (ix > 16 + 15) {
                ix >>= 1;
                exponent++;
            }
            ix -= 16;
            ix += exponent << 4;
        }
        if (sample >= 0) {
            ix |= 0x80;
        }
        return ix ^ 0x55;
    }

    /** The ITU G.191 {@code alaw_expand}, scaled to 16 bits. */
    static int expand(int code) {
        int ix = (code ^ 0x55) & 0x7F;
        int exponent = ix >> 4;
        int mantissa = ix & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        mantissa = (mantissa << 4) + 8;
        if (exponent > 1) {
            mantissa <<= exponent - 1;
        }
        return code > 127 ? mantissa : -mantissa;
    }
}
