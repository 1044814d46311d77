package io.ramal.media.rtp;

/**
 * Recognising RTCP (RFC 3550 §6): telling it apart from RTP on a multiplexed port (RFC 5761 §4:
 * payload type field 64-95, i.e. RTCP packet types 192-223) and checking a compound packet's
 * framing. The packets themselves are read and written by {@link io.ramal.media.rtcp.RtcpCompound}.
 */
public final class Rtcp {
    private Rtcp() {}

    /** Whether a datagram on a muxed port is RTCP rather than RTP. */
    public static boolean isRtcp(byte[] buf, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int pt = buf[offset + 1] & 0x7F;
        return pt >= 64 && pt <= 95;
    }

    /**
     * Whether a datagram is a well-framed RTCP compound packet: every part version 2, an RTCP
     * packet type, and lengths that add up exactly to the datagram.
     */
    public static boolean isValidCompound(byte[] buf, int offset, int length) {
        if (length < 4 || length > RtpHeader.MAX_PACKET) {
            return false;
        }
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < 4) {
                return false;
            }
            int type = buf[at + 1] & 0xFF;
            if ((buf[at] & 0xC0) != 0x80 || type < 192 || type > 223) {
                return false;
            }
            at += 4 * (RtpHeader.u16(buf, at + 2) + 1);
        }
        return at == end;
    }
}
