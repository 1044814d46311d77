package io.ramal.media.audio;

/** G.711 µ-law and A-law bytes expanded to linear 16-bit, for reading WAV files in those formats. */
final class Companding {
    private static final short[] MULAW = new short[256];
    private static final short[] ALAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            MULAW[i] = (short) expandMulaw(i);
            ALAW[i] = (short) expandAlaw(i);
        }
    }

    private Companding() {}

    static short mulaw(byte code) {
        return MULAW[code & 0xFF];
    }

    static short alaw(byte code) {
        return ALAW[code & 0xFF];
    }

    private static int expandMulaw(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << exponent;
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }

    private static int expandAlaw(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a >> 4) & 0x07;
        int magnitude = (a & 0x0F) << 4;
        magnitude = exponent == 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1);
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }
}
