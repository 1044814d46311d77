package io.ramal.media.rtcp;

import io.ramal.media.rtp.Rtcp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An RTCP compound packet (RFC 3550 §6.1): the packets of one datagram, in order. Parsing is as
 * lenient as framing allows — any sequence of well-framed RTCP packets is read, so reduced-size
 * RTCP and unknown types pass — and strict about each interpreted packet's own layout; a datagram
 * that is not well framed, or whose SR, RR, SDES or BYE does not fit its length, is refused whole.
 * Writing and parsing agree: {@code parse(c.toBytes())} gives {@code c} back.
 */
public record RtcpCompound(List<RtcpPacket> packets) {
    public RtcpCompound {
        packets = List.copyOf(packets);
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("an RTCP compound holds at least one packet");
        }
    }

    public static RtcpCompound of(RtcpPacket... packets) {
        return new RtcpCompound(List.of(packets));
    }

    /** Bytes on the wire. */
    public int length() {
        int n = 0;
        for (RtcpPacket p : packets) {
            n += p.length();
        }
        return n;
    }

    /** Writes the compound at {@code at}; returns its length. */
    public int writeTo(byte[] out, int at) {
        int p = at;
        for (RtcpPacket packet : packets) {
            packet.writeTo(out, p);
            p += packet.length();
        }
        return p - at;
    }

    public byte[] toBytes() {
        byte[] out = new byte[length()];
        writeTo(out, 0);
        return out;
    }

    /** Reads a datagram; empty when it is not a well-formed RTCP compound. */
    public static Optional<RtcpCompound> parse(byte[] buf, int offset, int length) {
        if (!Rtcp.isValidCompound(buf, offset, length)) {
            return Optional.empty();
        }
        List<RtcpPacket> packets = new ArrayList<>(3);
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int count = buf[at] & 0x1F;
            int type = buf[at + 1] & 0xFF;
            int size = 4 * (((buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF)) + 1);
            int usable = size;
            if ((buf[at] & 0x20) != 0) {
                int pad = buf[at + size - 1] & 0xFF;
                if (at + size != end || pad == 0 || pad > size - 4) {
                    return Optional.empty(); // padding only in the last packet (§6.4.1, A.2)
                }
                usable = size - pad;
            }
            Optional<RtcpPacket> packet = switch (type) {
                case RtcpPacket.SR -> senderReport(buf, at, count, usable);
                case RtcpPacket.RR -> receiverReport(buf, at, count, usable);
                case RtcpPacket.SDES -> count == 0 ? Optional.of(new RtcpPacket.Other(type, size))
                        : sourceDescription(buf, at, usable);
                case RtcpPacket.BYE -> goodbye(buf, at, count, usable);
                default -> Optional.of(new RtcpPacket.Other(type, size));
            };
            if (packet.isEmpty()) {
                return Optional.empty();
            }
            packets.add(packet.get());
            at += size;
        }
        return Optional.of(new RtcpCompound(packets));
    }

    private static Optional<RtcpPacket> senderReport(byte[] b, int at, int count, int usable) {
        if (usable < 28 + ReportBlock.LENGTH * count) {
            return Optional.empty();
        }
        NtpTimestamp ntp = new NtpTimestamp(RtcpPacket.u32(b, at + 8) << 32 | RtcpPacket.u32(b, at + 12));
        return Optional.of(new RtcpPacket.SenderReport(RtcpPacket.u32(b, at + 4), ntp, RtcpPacket.u32(b, at + 16),
                RtcpPacket.u32(b, at + 20), RtcpPacket.u32(b, at + 24), blocks(b, at + 28, count)));
    }

    private static Optional<RtcpPacket> receiverReport(byte[] b, int at, int count, int usable) {
        if (usable < 8 + ReportBlock.LENGTH * count) {
            return Optional.empty();
        }
        return Optional.of(new RtcpPacket.ReceiverReport(RtcpPacket.u32(b, at + 4), blocks(b, at + 8, count)));
    }

    private static List<ReportBlock> blocks(byte[] b, int at, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(b, at + ReportBlock.LENGTH * i));
        }
        return blocks;
    }

    /** The first chunk's SSRC and CNAME; further chunks are skipped. */
    private static Optional<RtcpPacket> sourceDescription(byte[] b, int at, int usable) {
        if (usable < 8) {
            return Optional.empty();
        }
        long ssrc = RtcpPacket.u32(b, at + 4);
        int p = at + 8;
        int end = at + usable;
        Optional<String> cname = Optional.empty();
        while (p < end && b[p] != 0) {
            if (p + 2 > end) {
                return Optional.empty();
            }
            int itemType = b[p] & 0xFF;
            int itemLength = b[p + 1] & 0xFF;
            if (p + 2 + itemLength > end) {
                return Optional.empty();
            }
            if (itemType == RtcpPacket.CNAME && cname.isEmpty()) {
                cname = Optional.of(new String(b, p + 2, itemLength, StandardCharsets.UTF_8));
            }
            p += 2 + itemLength;
        }
        if (cname.isPresent() && cname.get().getBytes(StandardCharsets.UTF_8).length > 255) {
            cname = Optional.empty(); // a malformed UTF-8 name decoded longer than it was
        }
        return Optional.of(new RtcpPacket.SourceDescription(ssrc, cname));
    }

    private static Optional<RtcpPacket> goodbye(byte[] b, int at, int count, int usable) {
        int p = at + 4 + 4 * count;
        if (usable < 4 + 4 * count) {
            return Optional.empty();
        }
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(RtcpPacket.u32(b, at + 4 + 4 * i));
        }
        Optional<String> reason = Optional.empty();
        int end = at + usable;
        if (p < end && b[p] != 0) {
            int n = b[p] & 0xFF;
            if (p + 1 + n > end) {
                return Optional.empty();
            }
            String text = new String(b, p + 1, n, StandardCharsets.UTF_8);
            if (text.getBytes(StandardCharsets.UTF_8).length <= 255) {
                reason = Optional.of(text);
            }
        }
        return Optional.of(new RtcpPacket.Goodbye(ssrcs, reason));
    }
}
