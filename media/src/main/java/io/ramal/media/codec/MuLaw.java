package io.ramal.media.codec;

/**
 * G.711 µ-law. Encoding follows the ITU reference: the 16-bit sample is reduced to 14 bits (one's
 * complement for negatives), biased by 33 and cut into 8 segments; decoding gives the segment
 * mid-points scaled back to 16 bits. Both directions are table lookups.
 */
public final class MuLaw {
    private static final short[] DECODE = new short[256];
    /** Indexed by the top 14 bits of the sample: {@code (sample >> 2) + 8192}. */
    private static final byte[] ENCODE = new byte[1 << 14];

    static {
        for (int b = 0; b < 256; b++) {
            DECODE[b] = (short) expand(b);
        }
        for (int i = 0; i < ENCODE.length; i++) {
            ENCODE[i] = (byte) compress((i - 8192) << 2);
        }
    }

    private MuLaw() {}

    public static byte encode(short sample) {
        return ENCODE[(sample >> 2) + 8192];
    }

    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** The ITU G.191 {@code ulaw_compress} for one left-justified 16-bit sample. */
    static int compress(int sample) {
        int magnitude = (sample < 0 ? (~sample) >> 2 : sample >> 2) + 33;
        if (magnitude > 0x1FFF) {
            magnitude = 0x1FFF;
        }
        int segment = 1;
        for (int i = magnitude >> 6; i != 0; i >>= 1) {
            segment++;
        }
        int high = 8 - segment;
        int low = 15 - ((magnitude >> segment) & 0x0F);
        int code = (high << 4) | low;
        return sample >= 0 ? code | 0x80 : code;
    }

    /** The ITU G.191 {@code ulaw_expand}, scaled to 16 bits. */
    static int expand(int code) {
        int sign = code < 0x80 ? -1 : 1;
        int inverted = ~code;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int step = 4 << (exponent + 1);
        return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
    }
}
