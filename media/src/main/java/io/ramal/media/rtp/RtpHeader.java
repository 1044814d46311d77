package io.ramal.media.rtp;

/**
 * The fixed RTP header of a datagram (RFC 3550 §5.1) and where its payload lies in the buffer it
 * was read from ({@code payloadOffset} is an index into that buffer, padding excluded). Valid only
 * as long as the buffer is not reused.
 */
public record RtpHeader(
        boolean padding,
        boolean extension,
        boolean marker,
        int payloadType,
        int sequenceNumber,
        long timestamp,
        long ssrc,
        int csrcCount,
        int payloadOffset,
        int payloadLength)
        implements RtpParseResult {

    /** Largest datagram accepted: an Ethernet MTU; G.711 at 20 ms needs 172 bytes. */
    public static final int MAX_PACKET = 1500;
    public static final int FIXED_LENGTH = 12;

    /** Reads {@code length} bytes at {@code offset}; rejects anything RFC 3550 §A.1 would not accept. */
    public static RtpParseResult parse(byte[] buf, int offset, int length) {
        if (length > MAX_PACKET) {
            return RtpRejection.OVERSIZED;
        }
        if (length < FIXED_LENGTH) {
            return RtpRejection.TOO_SHORT;
        }
        int b0 = buf[offset] & 0xFF;
        if (b0 >> 6 != 2) {
            return RtpRejection.BAD_VERSION;
        }
        int csrcCount = b0 & 0x0F;
        int header = FIXED_LENGTH + 4 * csrcCount;
        if (header > length) {
            return RtpRejection.TRUNCATED;
        }
        boolean extension = (b0 & 0x10) != 0;
        if (extension) {
            if (header + 4 > length) {
                return RtpRejection.TRUNCATED;
            }
            header += 4 + 4 * u16(buf, offset + header + 2);
            if (header > length) {
                return RtpRejection.TRUNCATED;
            }
        }
        boolean padding = (b0 & 0x20) != 0;
        int pad = 0;
        if (padding) {
            pad = buf[offset + length - 1] & 0xFF;
            if (pad == 0 || header + pad > length) {
                return RtpRejection.BAD_PADDING;
            }
        }
        int b1 = buf[offset + 1] & 0xFF;
        return new RtpHeader(
                padding,
                extension,
                (b1 & 0x80) != 0,
                b1 & 0x7F,
                u16(buf, offset + 2),
                u32(buf, offset + 4),
                u32(buf, offset + 8),
                csrcCount,
                offset + header,
                length - header - pad);
    }

    /**
     * Writes a 12-byte header (version 2, no padding, extension or CSRC) at {@code offset}: the
     * form every packet Ramal sends takes. Returns the header length.
     */
    public static int write(byte[] out, int offset, boolean marker, int payloadType, int sequenceNumber,
            long timestamp, long ssrc) {
        out[offset] = (byte) 0x80;
        out[offset + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[offset + 2] = (byte) (sequenceNumber >> 8);
        out[offset + 3] = (byte) sequenceNumber;
        putU32(out, offset + 4, timestamp);
        putU32(out, offset + 8, ssrc);
        return FIXED_LENGTH;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    static void putU32(byte[] b, int i, long v) {
        b[i] = (byte) (v >> 24);
        b[i + 1] = (byte) (v >> 16);
        b[i + 2] = (byte) (v >> 8);
        b[i + 3] = (byte) v;
    }
}
