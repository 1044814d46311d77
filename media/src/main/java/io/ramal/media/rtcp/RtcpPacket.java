package io.ramal.media.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One packet of an RTCP compound (RFC 3550 §6.4–6.6): the sender and receiver reports, source
 * description (only CNAME is interpreted) and BYE that Ramal sends and reads; any other type (APP,
 * XR, feedback) is kept as its type alone.
 */
public sealed interface RtcpPacket {
    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;
    /** SDES item type of the canonical name. */
    int CNAME = 1;
    /** At most 31 report blocks fit the 5-bit count. */
    int MAX_BLOCKS = 31;

    /** Bytes on the wire, a multiple of 4. */
    int length();

    /** Writes the packet at {@code at}; {@code out} must hold {@link #length()} bytes from there. */
    void writeTo(byte[] out, int at);

    /**
     * What an active sender reports (§6.4.1): when (wall clock and the matching RTP timestamp),
     * how much it sent, and what it received.
     */
    record SenderReport(long ssrc, NtpTimestamp ntp, long rtpTimestamp, long packetCount, long octetCount,
            List<ReportBlock> blocks) implements RtcpPacket {
        public SenderReport {
            requireU32(ssrc, "ssrc");
            Objects.requireNonNull(ntp, "ntp");
            requireU32(rtpTimestamp, "rtpTimestamp");
            requireU32(packetCount, "packetCount");
            requireU32(octetCount, "octetCount");
            blocks = checkedBlocks(blocks);
        }

        @Override
        public int length() {
            return 28 + ReportBlock.LENGTH * blocks.size();
        }

        @Override
        public void writeTo(byte[] out, int at) {
            header(out, at, blocks.size(), SR, length());
            putU32(out, at + 4, ssrc);
            putU32(out, at + 8, ntp.seconds());
            putU32(out, at + 12, ntp.fraction());
            putU32(out, at + 16, rtpTimestamp);
            putU32(out, at + 20, packetCount);
            putU32(out, at + 24, octetCount);
            for (int i = 0; i < blocks.size(); i++) {
                blocks.get(i).writeTo(out, at + 28 + ReportBlock.LENGTH * i);
            }
        }
    }

    /** What a participant that sent nothing lately reports (§6.4.2): what it received. */
    record ReceiverReport(long ssrc, List<ReportBlock> blocks) implements RtcpPacket {
        public ReceiverReport {
            requireU32(ssrc, "ssrc");
            blocks = checkedBlocks(blocks);
        }

        @Override
        public int length() {
            return 8 + ReportBlock.LENGTH * blocks.size();
        }

        @Override
        public void writeTo(byte[] out, int at) {
            header(out, at, blocks.size(), RR, length());
            putU32(out, at + 4, ssrc);
            for (int i = 0; i < blocks.size(); i++) {
                blocks.get(i).writeTo(out, at + 8 + ReportBlock.LENGTH * i);
            }
        }
    }

    /**
     * A source description with one chunk (§6.5): the source's canonical name (empty when the
     * chunk carried none). Items other than CNAME are skipped when read and never written.
     */
    record SourceDescription(long ssrc, Optional<String> cname) implements RtcpPacket {
        public SourceDescription {
            requireU32(ssrc, "ssrc");
            Objects.requireNonNull(cname, "cname");
            if (cname.isPresent() && cname.get().getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("CNAME longer than 255 bytes");
            }
        }

        @Override
        public int length() {
            int items = cname.map(c -> 2 + c.getBytes(StandardCharsets.UTF_8).length).orElse(0);
            return 4 + padded(4 + items + 1);
        }

        @Override
        public void writeTo(byte[] out, int at) {
            int length = length();
            header(out, at, 1, SDES, length);
            putU32(out, at + 4, ssrc);
            int p = at + 8;
            if (cname.isPresent()) {
                byte[] text = cname.get().getBytes(StandardCharsets.UTF_8);
                out[p++] = CNAME;
                out[p++] = (byte) text.length;
                System.arraycopy(text, 0, out, p, text.length);
                p += text.length;
            }
            while (p < at + length) {
                out[p++] = 0; // end of items, then padding to the word
            }
        }
    }

    /** Sources leaving the session (§6.6), with an optional reason. */
    record Goodbye(List<Long> ssrcs, Optional<String> reason) implements RtcpPacket {
        public Goodbye {
            ssrcs = List.copyOf(ssrcs);
            if (ssrcs.size() > MAX_BLOCKS) {
                throw new IllegalArgumentException("at most 31 sources in a BYE");
            }
            ssrcs.forEach(s -> requireU32(s, "ssrc"));
            Objects.requireNonNull(reason, "reason");
            if (reason.isPresent() && reason.get().getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("BYE reason longer than 255 bytes");
            }
        }

        @Override
        public int length() {
            int text = reason.map(r -> 1 + r.getBytes(StandardCharsets.UTF_8).length).orElse(0);
            return 4 + 4 * ssrcs.size() + padded(text);
        }

        @Override
        public void writeTo(byte[] out, int at) {
            int length = length();
            header(out, at, ssrcs.size(), BYE, length);
            int p = at + 4;
            for (long s : ssrcs) {
                putU32(out, p, s);
                p += 4;
            }
            if (reason.isPresent()) {
                byte[] text = reason.get().getBytes(StandardCharsets.UTF_8);
                out[p++] = (byte) text.length;
                System.arraycopy(text, 0, out, p, text.length);
                p += text.length;
            }
            while (p < at + length) {
                out[p++] = 0;
            }
        }
    }

    /** A packet of a type we do not interpret (kept so a compound's content stays visible). */
    record Other(int type, int length) implements RtcpPacket {
        public Other {
            if (type < 192 || type > 223 || length < 4 || length % 4 != 0) {
                throw new IllegalArgumentException("not an RTCP packet: type " + type + ", " + length + " bytes");
            }
        }

        @Override
        public void writeTo(byte[] out, int at) {
            throw new UnsupportedOperationException("RTCP type " + type + " is read, never written");
        }
    }

    private static List<ReportBlock> checkedBlocks(List<ReportBlock> blocks) {
        List<ReportBlock> copy = List.copyOf(blocks);
        if (copy.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("at most 31 report blocks, got " + copy.size());
        }
        return copy;
    }

    private static int padded(int bytes) {
        return (bytes + 3) & ~3;
    }

    private static void header(byte[] out, int at, int count, int type, int length) {
        out[at] = (byte) (0x80 | count);
        out[at + 1] = (byte) type;
        int words = length / 4 - 1;
        out[at + 2] = (byte) (words >> 8);
        out[at + 3] = (byte) words;
    }

    static void requireU32(long v, String name) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " out of 32-bit range: " + v);
        }
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
