package io.ramal.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {

    static RtpHeader parsed(byte[] datagram) {
        RtpParseResult r = RtpHeader.parse(datagram, 0, datagram.length);
        assertThat(r).isInstanceOf(RtpHeader.class);
        return (RtpHeader) r;
    }

    @Test
    void readsTheFixedHeader() {
        byte[] d = {(byte) 0x80, (byte) 0x88, 0x12, 0x34, (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF,
                (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};

        RtpHeader h = parsed(d);

        assertThat(h.marker()).isTrue();
        assertThat(h.payloadType()).isEqualTo(8);
        assertThat(h.sequenceNumber()).isEqualTo(0x1234);
        assertThat(h.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(h.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(h.payloadOffset()).isEqualTo(12);
        assertThat(h.payloadLength()).isEqualTo(3);
        assertThat(h.padding()).isFalse();
        assertThat(h.extension()).isFalse();
    }

    @Test
    void roundTripsCsrcExtensionPaddingAndMarker() {
        RtpPacket p = new RtpPacket(true, 101, 65535, 0xFFFF_FFFFL, 7, List.of(1L, 0xFFFF_FFFEL),
                Optional.of(new HeaderExtension(0xBEDE, new byte[] {9, 8, 7, 6, 5, 4, 3, 2})),
                new byte[] {10, 20, 30, 40}, 3);
        byte[] wire = new byte[p.length() + 5];
        int len = p.writeTo(wire, 5);

        RtpParseResult r = RtpHeader.parse(wire, 5, len);

        assertThat(len).isEqualTo(12 + 8 + 12 + 4 + 3);
        assertThat(r).isInstanceOf(RtpHeader.class);
        RtpHeader h = (RtpHeader) r;
        assertThat(h.csrcCount()).isEqualTo(2);
        assertThat(h.extension()).isTrue();
        assertThat(h.padding()).isTrue();
        assertThat(h.payloadOffset()).isEqualTo(5 + 32);
        assertThat(h.payloadLength()).isEqualTo(4);
        assertThat(RtpPacket.of(h, wire, 5, len)).isEqualTo(p);
    }

    @Test
    void writesTheShortHeaderRamalSends() {
        byte[] out = new byte[12];
        RtpHeader.write(out, 0, false, 0, 513, 160, 0x01020304L);

        assertThat(out).containsExactly(0x80, 0x00, 0x02, 0x01, 0, 0, 0, (byte) 0xA0, 1, 2, 3, 4);
    }

    @Test
    void rejectsWhatIsNotRtp() {
        byte[] ok = RtpPacket.of(false, 0, 1, 2, 3, new byte[160]).toBytes();

        assertThat(RtpHeader.parse(ok, 0, 11)).isEqualTo(RtpRejection.TOO_SHORT);
        assertThat(RtpHeader.parse(new byte[1600], 0, 1501)).isEqualTo(RtpRejection.OVERSIZED);
        byte[] v1 = ok.clone();
        v1[0] = 0x40;
        assertThat(RtpHeader.parse(v1, 0, v1.length)).isEqualTo(RtpRejection.BAD_VERSION);
        byte[] csrc = Arrays.copyOf(ok, 20);
        csrc[0] = (byte) 0x83;
        assertThat(RtpHeader.parse(csrc, 0, csrc.length)).isEqualTo(RtpRejection.TRUNCATED);
        byte[] ext = Arrays.copyOf(ok, 20);
        ext[0] = (byte) 0x90;
        ext[14] = 0;
        ext[15] = 5;
        assertThat(RtpHeader.parse(ext, 0, ext.length)).isEqualTo(RtpRejection.TRUNCATED);
        assertThat(RtpHeader.parse(ext, 0, 14)).isEqualTo(RtpRejection.TRUNCATED);
        byte[] pad = ok.clone();
        pad[0] = (byte) 0xA0;
        pad[pad.length - 1] = 0;
        assertThat(RtpHeader.parse(pad, 0, pad.length)).isEqualTo(RtpRejection.BAD_PADDING);
        pad[pad.length - 1] = (byte) 200;
        assertThat(RtpHeader.parse(pad, 0, pad.length)).isEqualTo(RtpRejection.BAD_PADDING);
    }

    @Test
    void acceptsTheLargestAllowedDatagram() {
        byte[] big = RtpPacket.of(false, 0, 1, 2, 3, new byte[RtpHeader.MAX_PACKET - 12]).toBytes();

        assertThat(parsed(big).payloadLength()).isEqualTo(RtpHeader.MAX_PACKET - 12);
    }
}
