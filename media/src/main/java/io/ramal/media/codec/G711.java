package io.ramal.media.codec;

import java.util.Optional;

/**
 * The two G.711 laws as RTP payload formats (RFC 3551: PCMU is static payload type 0, PCMA 8),
 * with frame-sized encode, decode and transcoding. One byte per sample at 8000 Hz.
 */
public enum G711 {
    PCMU(0),
    PCMA(8);

    private static final byte[] MU_TO_A = new byte[256];
    private static final byte[] A_TO_MU = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            MU_TO_A[b] = ALaw.encode(MuLaw.decode((byte) b));
            A_TO_MU[b] = MuLaw.encode(ALaw.decode((byte) b));
        }
    }

    private final int staticPayloadType;

    G711(int staticPayloadType) {
        this.staticPayloadType = staticPayloadType;
    }

    /** The RFC 3551 static payload type (0 or 8). */
    public int staticPayloadType() {
        return staticPayloadType;
    }

    /** The law named by an SDP encoding name ({@code PCMU}, {@code pcma}...). */
    public static Optional<G711> byEncodingName(String name) {
        return isG711(name) ? Optional.of(forEncoding(name)) : Optional.empty();
    }

    public static boolean isG711(String encodingName) {
        return encodingName.equalsIgnoreCase("PCMU") || encodingName.equalsIgnoreCase("PCMA");
    }

    /**
     * The law of an encoding name known to be G.711 (see {@link #isG711}); allocation-free. The
     * relay asks this for every packet: four characters compared, no case folding.
     */
    public static G711 forEncoding(String encodingName) {
        if (encodingName.length() == 4 && (encodingName.charAt(0) | 0x20) == 'p'
                && (encodingName.charAt(1) | 0x20) == 'c' && (encodingName.charAt(2) | 0x20) == 'm') {
            switch (encodingName.charAt(3) | 0x20) {
                case 'u' -> {
                    return PCMU;
                }
                case 'a' -> {
                    return PCMA;
                }
                default -> { }
            }
        }
        throw new IllegalArgumentException("not a G.711 encoding: " + encodingName);
    }

    public byte encode(short sample) {
        return this == PCMU ? MuLaw.encode(sample) : ALaw.encode(sample);
    }

    public short decode(byte code) {
        return this == PCMU ? MuLaw.decode(code) : ALaw.decode(code);
    }

    /** Encodes {@code count} samples from {@code pcm[from]} into {@code out[at]}. */
    public void encode(short[] pcm, int from, int count, byte[] out, int at) {
        if (this == PCMU) {
            for (int i = 0; i < count; i++) {
                out[at + i] = MuLaw.encode(pcm[from + i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[at + i] = ALaw.encode(pcm[from + i]);
            }
        }
    }

    /** Decodes {@code count} bytes from {@code in[from]} into {@code pcm[at]}. */
    public void decode(byte[] in, int from, int count, short[] pcm, int at) {
        if (this == PCMU) {
            for (int i = 0; i < count; i++) {
                pcm[at + i] = MuLaw.decode(in[from + i]);
            }
        } else {
            for (int i = 0; i < count; i++) {
                pcm[at + i] = ALaw.decode(in[from + i]);
            }
        }
    }

    /**
     * Copies {@code count} bytes of this law from {@code in[from]} to {@code out[at]} converted to
     * {@code target} (decode to PCM, encode again, done through one 256-entry table). Same law:
     * a plain copy.
     */
    public void transcode(byte[] in, int from, int count, G711 target, byte[] out, int at) {
        if (target == this) {
            System.arraycopy(in, from, out, at, count);
            return;
        }
        byte[] table = this == PCMU ? MU_TO_A : A_TO_MU;
        for (int i = 0; i < count; i++) {
            out[at + i] = table[in[from + i] & 0xFF];
        }
    }
}
