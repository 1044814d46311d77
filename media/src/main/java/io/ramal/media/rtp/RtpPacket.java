package io.ramal.media.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole RTP packet as a value, with every RFC 3550 field: CSRC list, header extension, padding.
 * For building and inspecting packets off the hot path (tests, DTMF generation); the relay works
 * on {@link RtpHeader} over its receive buffer instead. {@code paddingLength} counts the padding
 * bytes including the final count byte (0 for none).
 */
public record RtpPacket(
        boolean marker,
        int payloadType,
        int sequenceNumber,
        long timestamp,
        long ssrc,
        List<Long> csrcs,
        Optional<HeaderExtension> extension,
        byte[] payload,
        int paddingLength) {

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number out of range: " + sequenceNumber);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL || ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp or SSRC out of 32-bit range");
        }
        csrcs = List.copyOf(csrcs);
        if (csrcs.size() > 15) {
            throw new IllegalArgumentException("more than 15 CSRCs");
        }
        for (long c : csrcs) {
            if (c < 0 || c > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("CSRC out of 32-bit range");
            }
        }
        Objects.requireNonNull(extension, "extension");
        payload = payload.clone();
        if (paddingLength < 0 || paddingLength > 255) {
            throw new IllegalArgumentException("padding out of range: " + paddingLength);
        }
    }

    /** A packet with only the fixed header and a payload. */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
            byte[] payload) {
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, List.of(), Optional.empty(),
                payload, 0);
    }

    /** Copies a packet parsed from {@code buf[offset, offset + length)} out of that buffer. */
    public static RtpPacket of(RtpHeader h, byte[] buf, int offset, int length) {
        List<Long> csrcs = new ArrayList<>(h.csrcCount());
        for (int i = 0; i < h.csrcCount(); i++) {
            csrcs.add(RtpHeader.u32(buf, offset + RtpHeader.FIXED_LENGTH + 4 * i));
        }
        Optional<HeaderExtension> ext = Optional.empty();
        if (h.extension()) {
            int at = offset + RtpHeader.FIXED_LENGTH + 4 * h.csrcCount();
            int words = RtpHeader.u16(buf, at + 2);
            ext = Optional.of(new HeaderExtension(
                    RtpHeader.u16(buf, at), Arrays.copyOfRange(buf, at + 4, at + 4 + 4 * words)));
        }
        int pad = h.padding() ? buf[offset + length - 1] & 0xFF : 0;
        return new RtpPacket(h.marker(), h.payloadType(), h.sequenceNumber(), h.timestamp(), h.ssrc(), csrcs, ext,
                Arrays.copyOfRange(buf, h.payloadOffset(), h.payloadOffset() + h.payloadLength()), pad);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Bytes on the wire. */
    public int length() {
        return RtpHeader.FIXED_LENGTH + 4 * csrcs.size() + extension.map(HeaderExtension::length).orElse(0)
                + payload.length + paddingLength;
    }

    /** Writes the packet at {@code offset}; returns its length. */
    public int writeTo(byte[] out, int offset) {
        RtpHeader.write(out, offset, marker, payloadType, sequenceNumber, timestamp, ssrc);
        out[offset] = (byte) (0x80 | (paddingLength > 0 ? 0x20 : 0) | (extension.isPresent() ? 0x10 : 0) | csrcs.size());
        int at = offset + RtpHeader.FIXED_LENGTH;
        for (long c : csrcs) {
            RtpHeader.putU32(out, at, c);
            at += 4;
        }
        if (extension.isPresent()) {
            extension.get().writeTo(out, at);
            at += extension.get().length();
        }
        System.arraycopy(payload, 0, out, at, payload.length);
        at += payload.length;
        if (paddingLength > 0) {
            Arrays.fill(out, at, at + paddingLength - 1, (byte) 0);
            out[at + paddingLength - 1] = (byte) paddingLength;
            at += paddingLength;
        }
        return at - offset;
    }

    public byte[] toBytes() {
        byte[] out = new byte[length()];
        writeTo(out, 0);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p
                && p.marker == marker && p.payloadType == payloadType && p.sequenceNumber == sequenceNumber
                && p.timestamp == timestamp && p.ssrc == ssrc && p.csrcs.equals(csrcs)
                && p.extension.equals(extension) && Arrays.equals(p.payload, payload)
                && p.paddingLength == paddingLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension, paddingLength)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp + ", ssrc=" + ssrc
                + (marker ? ", marker" : "") + ", csrcs=" + csrcs.size() + ", payload=" + payload.length
                + " bytes, padding=" + paddingLength + "]";
    }
}
