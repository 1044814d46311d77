package io.ramal.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {
    private static final NtpTimestamp NTP = NtpTimestamp.of(Instant.parse("2026-03-01T12:00:00.25Z"));
    private static final ReportBlock BLOCK = new ReportBlock(0x11223344L, 64, 12, 0x0001_0005L, 80, 0xABCD_1234L, 65536);

    @Test
    void aSenderReportWithSdesAndByeRoundTrips() {
        RtcpCompound c = RtcpCompound.of(
                new RtcpPacket.SenderReport(0xCAFEBABEL, NTP, 160_000, 250, 40_000, List.of(BLOCK)),
                new RtcpPacket.SourceDescription(0xCAFEBABEL, Optional.of("ramal-0123456789ab")),
                new RtcpPacket.Goodbye(List.of(0xCAFEBABEL), Optional.of("call ended")));

        byte[] wire = c.toBytes();

        assertThat(wire.length % 4).isZero();
        assertThat(wire.length).isEqualTo(c.length());
        assertThat(RtcpCompound.parse(wire, 0, wire.length)).contains(c);
    }

    @Test
    void aReceiverReportHasTheLayoutOfRfc3550() {
        byte[] wire = RtcpCompound.of(new RtcpPacket.ReceiverReport(0x01020304L, List.of(BLOCK))).toBytes();

        assertThat(HexFormat.of().formatHex(wire)).isEqualTo(
                "81c90007" + "01020304"             // V=2, RC=1, RR, 7 words follow; sender SSRC
                        + "11223344" + "4000000c"   // source; fraction 64/256, 12 lost
                        + "00010005" + "00000050"   // one cycle, seq 5; jitter 80
                        + "abcd1234" + "00010000"); // LSR; DLSR one second
    }

    @Test
    void cumulativeLossIsA24BitSignedNumber() {
        ReportBlock duplicates = new ReportBlock(1, 0, -3, 9, 0, 0, 0);
        byte[] wire = RtcpCompound.of(new RtcpPacket.ReceiverReport(2, List.of(duplicates))).toBytes();

        assertThat(wire[12] & 0xFF).as("fraction").isZero();
        assertThat(new byte[] {wire[13], wire[14], wire[15]}).as("-3 in 24 bits")
                .containsExactly((byte) 0xFF, (byte) 0xFF, (byte) 0xFD);
        assertThat(RtcpCompound.parse(wire, 0, wire.length).orElseThrow().packets().getFirst())
                .isEqualTo(new RtcpPacket.ReceiverReport(2, List.of(duplicates)));
    }

    @Test
    void anSdesWithoutCnameAndTheSdesOfBaresipAreRead() {
        // SDES, one chunk: CNAME "a@b" and NOTE "x", then the end of items and padding
        byte[] wire = HexFormat.of().parseHex("81ca0004" + "00000007" + "0103614062" + "070178" + "00000000");
        assertThat(RtcpCompound.parse(wire, 0, wire.length).orElseThrow().packets())
                .containsExactly(new RtcpPacket.SourceDescription(7, Optional.of("a@b")));

        byte[] empty = RtcpCompound.of(new RtcpPacket.SourceDescription(9, Optional.empty())).toBytes();
        assertThat(empty).hasSize(12);
        assertThat(RtcpCompound.parse(empty, 0, empty.length).orElseThrow().packets())
                .containsExactly(new RtcpPacket.SourceDescription(9, Optional.empty()));
    }

    @Test
    void typesWeDoNotInterpretPassAsOther() {
        // RR without blocks, then an APP packet (204) of 12 bytes
        byte[] wire = HexFormat.of().parseHex("80c90001" + "00000001" + "80cc0002" + "00000001" + "6e616d65");

        assertThat(RtcpCompound.parse(wire, 0, wire.length).orElseThrow().packets()).containsExactly(
                new RtcpPacket.ReceiverReport(1, List.of()), new RtcpPacket.Other(204, 12));
    }

    @Test
    void paddingIsAcceptedOnlyOnTheLastPacket() {
        // RR without blocks padded by 4 bytes: length 2 words + header
        byte[] padded = HexFormat.of().parseHex("a0c90002" + "00000001" + "00000004");
        assertThat(RtcpCompound.parse(padded, 0, padded.length)).isPresent();

        byte[] first = HexFormat.of().parseHex("a0c90002" + "00000001" + "00000004" + "80c90001" + "00000002");
        assertThat(RtcpCompound.parse(first, 0, first.length)).isEmpty();
    }

    @Test
    void refusesPacketsWhoseContentDoesNotFitTheirLength() {
        byte[] tooManyBlocks = HexFormat.of().parseHex("82c90001" + "00000001");
        byte[] itemPastTheEnd = HexFormat.of().parseHex("81ca0002" + "00000007" + "01096162");
        byte[] byeReasonPastTheEnd = HexFormat.of().parseHex("81cb0002" + "00000007" + "09616263");
        byte[] notFramed = HexFormat.of().parseHex("80c90002" + "00000001");

        for (byte[] wire : List.of(tooManyBlocks, itemPastTheEnd, byeReasonPastTheEnd, notFramed)) {
            assertThat(RtcpCompound.parse(wire, 0, wire.length)).as(HexFormat.of().formatHex(wire)).isEmpty();
        }
    }

    @Test
    void ntpTimestampsKeepMicrosecondsAndGiveTheirMiddleBits() {
        Instant t = Instant.parse("2026-03-01T12:00:00.123456Z");
        NtpTimestamp ntp = NtpTimestamp.of(t);

        assertThat(ntp.seconds()).isEqualTo(t.getEpochSecond() + 2_208_988_800L);
        assertThat(Math.abs(ntp.toInstant().toEpochMilli() * 1000 + ntp.toInstant().getNano() / 1000 % 1000
                - (t.toEpochMilli() * 1000 + 456))).isLessThanOrEqualTo(1);
        assertThat(ntp.middle()).isEqualTo((ntp.seconds() & 0xFFFF) << 16 | ntp.fraction() >>> 16);
    }

    @Test
    void garbageAndDamagedReportsAreRefusedWithoutAnException() {
        byte[] valid = RtcpCompound.of(
                new RtcpPacket.SenderReport(0xCAFEBABEL, NTP, 160_000, 250, 40_000, List.of(BLOCK, BLOCK)),
                new RtcpPacket.SourceDescription(0xCAFEBABEL, Optional.of("ramal-0123456789ab")),
                new RtcpPacket.Goodbye(List.of(1L, 2L), Optional.of("bye"))).toBytes();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3550);
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] wire;
            if (i % 2 == 0) {
                wire = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
                }
            } else {
                wire = new byte[random.nextInt(64)];
                random.nextBytes(wire);
                if (wire.length > 1) {
                    wire[0] = (byte) (0x80 | wire[0] & 0x3F);
                    wire[1] = (byte) (200 + random.nextInt(5));
                }
            }
            int length = random.nextInt(wire.length + 1);
            if (RtcpCompound.parse(wire, 0, length).isPresent()) {
                read++;
            }
        }
        assertThat(read).as("some damaged datagrams still frame as RTCP").isPositive();
    }
}
