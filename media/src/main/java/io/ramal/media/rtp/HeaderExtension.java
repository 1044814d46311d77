package io.ramal.media.rtp;

import java.util.Arrays;

/** An RTP header extension (RFC 3550 §5.3.1): a 16-bit profile word and whole 32-bit words of data. */
public record HeaderExtension(int profile, byte[] data) {

    public HeaderExtension {
        if (profile < 0 || profile > 0xFFFF) {
            throw new IllegalArgumentException("profile out of range: " + profile);
        }
        if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
            throw new IllegalArgumentException("extension data must be whole 32-bit words");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int length() {
        return 4 + data.length;
    }

    void writeTo(byte[] out, int offset) {
        out[offset] = (byte) (profile >> 8);
        out[offset + 1] = (byte) profile;
        out[offset + 2] = (byte) (data.length / 4 >> 8);
        out[offset + 3] = (byte) (data.length / 4);
        System.arraycopy(data, 0, out, offset + 4, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderExtension h && h.profile == profile && Arrays.equals(h.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * profile + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HeaderExtension[profile=" + profile + ", " + data.length + " bytes]";
    }
}
