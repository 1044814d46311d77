package io.ramal.media.rtcp;

/**
 * One reception report block (RFC 3550 §6.4.1): what the reporter heard of the stream of
 * {@code ssrc}.
 *
 * @param ssrc the source reported on
 * @param fractionLost packets lost since the previous report, as a fraction of 256
 * @param cumulativeLost packets lost since reception began (24-bit signed: duplicates can make it
 *     negative)
 * @param highestSequence the extended highest sequence number received (cycles in the high 16 bits)
 * @param jitter interarrival jitter in timestamp units
 * @param lastSenderReport the middle 32 bits of the NTP time of the last sender report received
 *     from {@code ssrc} (LSR), or 0 if none
 * @param delaySinceLastSenderReport the time since that report in units of 1/65536 s (DLSR)
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
        long lastSenderReport, long delaySinceLastSenderReport) {

    /** Bytes on the wire. */
    public static final int LENGTH = 24;
    static final int MAX_LOST = 0x7F_FFFF;
    static final int MIN_LOST = -0x80_0000;

    public ReportBlock {
        RtcpPacket.requireU32(ssrc, "ssrc");
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost out of range: " + fractionLost);
        }
        if (cumulativeLost < MIN_LOST || cumulativeLost > MAX_LOST) {
            throw new IllegalArgumentException("cumulative lost out of 24-bit range: " + cumulativeLost);
        }
        RtcpPacket.requireU32(highestSequence, "highestSequence");
        RtcpPacket.requireU32(jitter, "jitter");
        RtcpPacket.requireU32(lastSenderReport, "lastSenderReport");
        RtcpPacket.requireU32(delaySinceLastSenderReport, "delaySinceLastSenderReport");
    }

    /** The fraction lost as a number from 0 to 1. */
    public double lossRatio() {
        return fractionLost / 256.0;
    }

    void writeTo(byte[] out, int at) {
        RtcpPacket.putU32(out, at, ssrc);
        RtcpPacket.putU32(out, at + 4, ((long) fractionLost << 24) | (cumulativeLost & 0xFF_FFFF));
        RtcpPacket.putU32(out, at + 8, highestSequence);
        RtcpPacket.putU32(out, at + 12, jitter);
        RtcpPacket.putU32(out, at + 16, lastSenderReport);
        RtcpPacket.putU32(out, at + 20, delaySinceLastSenderReport);
    }

    static ReportBlock read(byte[] b, int at) {
        long word = RtcpPacket.u32(b, at + 4);
        int lost = (int) (word & 0xFF_FFFF);
        if ((lost & 0x80_0000) != 0) {
            lost |= 0xFF00_0000;
        }
        return new ReportBlock(RtcpPacket.u32(b, at), (int) (word >>> 24), lost, RtcpPacket.u32(b, at + 8),
                RtcpPacket.u32(b, at + 12), RtcpPacket.u32(b, at + 16), RtcpPacket.u32(b, at + 20));
    }
}
