package io.ramal.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.rtp.RtpHeader;
import org.junit.jupiter.api.Test;

class OutboundStreamTest {
    final OutboundStream stream = new OutboundStream(0xAABBCCDDL, 1000, 50_000);
    final byte[] out = new byte[12];
    final Object partyA = new Object();
    final Object music = new Object();

    RtpHeader stamp(Object from, long ssrc, int seq, long ts, int samples, boolean marker, long now) {
        stream.stamp(out, 0, from, ssrc, seq, ts, samples, marker, 0, now);
        return (RtpHeader) RtpHeader.parse(out, 0, 12);
    }

    @Test
    void startsAtItsOwnNumbersAndKeepsTheSourcesSpacing() {
        RtpHeader first = stamp(partyA, 1, 7, 900, 160, false, 0);
        RtpHeader second = stamp(partyA, 1, 8, 1060, 160, false, 20);
        RtpHeader afterLoss = stamp(partyA, 1, 10, 1380, 160, false, 60);

        assertThat(first.ssrc()).isEqualTo(0xAABBCCDDL);
        assertThat(first.sequenceNumber()).isEqualTo(1000);
        assertThat(first.timestamp()).isEqualTo(50_000);
        assertThat(first.marker()).isTrue();
        assertThat(second.sequenceNumber()).isEqualTo(1001);
        assertThat(second.timestamp()).isEqualTo(50_160);
        assertThat(second.marker()).isFalse();
        assertThat(afterLoss.sequenceNumber()).as("a lost packet stays visible").isEqualTo(1003);
        assertThat(afterLoss.timestamp()).isEqualTo(50_480);
    }

    @Test
    void continuesAcrossASwitchOfSource() {
        stamp(partyA, 1, 7, 900, 160, false, 0);
        stamp(partyA, 1, 8, 1060, 160, false, 20);
        RtpHeader moh = stamp(music, 0, 40_000, 123_456_789, 160, false, 40);
        RtpHeader moh2 = stamp(music, 0, 40_001, 123_456_949, 160, false, 60);
        RtpHeader back = stamp(partyA, 1, 500, 90_000, 160, false, 60 + 5_000);

        assertThat(moh.sequenceNumber()).isEqualTo(1002);
        assertThat(moh.timestamp()).isEqualTo(50_320);
        assertThat(moh.marker()).isTrue();
        assertThat(moh2.sequenceNumber()).isEqualTo(1003);
        assertThat(moh2.marker()).isFalse();
        assertThat(back.sequenceNumber()).isEqualTo(1004);
        assertThat(back.timestamp()).as("five silent seconds show as a gap").isEqualTo(50_480 + 40_000);
        assertThat(back.marker()).isTrue();
        assertThat(back.ssrc()).isEqualTo(0xAABBCCDDL);
    }

    @Test
    void aNewSsrcFromTheSameSourceIsASwitch() {
        stamp(partyA, 1, 7, 900, 160, false, 0);
        RtpHeader h = stamp(partyA, 2, 3, 7, 160, false, 20);

        assertThat(h.sequenceNumber()).isEqualTo(1001);
        assertThat(h.timestamp()).isEqualTo(50_160);
        assertThat(h.marker()).isTrue();
    }

    @Test
    void wrapsSequenceAndTimestamp() {
        OutboundStream s = new OutboundStream(1, 65535, 0xFFFF_FF60L);
        s.stamp(out, 0, partyA, 1, 0, 0, 160, false, 0, 0);
        s.stamp(out, 0, partyA, 1, 1, 160, 160, false, 0, 20);
        RtpHeader h = (RtpHeader) RtpHeader.parse(out, 0, 12);

        assertThat(h.sequenceNumber()).isZero();
        assertThat(h.timestamp()).isZero();
    }

    @Test
    void aReorderedPacketDoesNotMoveTheStreamBack() {
        stamp(partyA, 1, 10, 1600, 160, false, 0);
        stamp(partyA, 1, 12, 1920, 160, false, 40);
        stamp(partyA, 1, 11, 1760, 160, false, 41);
        RtpHeader next = stamp(music, 0, 0, 0, 160, false, 42);

        assertThat(next.sequenceNumber()).isEqualTo(1003);
        assertThat(next.timestamp()).isEqualTo(50_000 + 320 + 160);
    }
}
