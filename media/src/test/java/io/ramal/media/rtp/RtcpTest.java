package io.ramal.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtcpTest {
    /** A receiver report with no blocks (8 bytes) followed by an SDES with one empty chunk (8 bytes). */
    static final byte[] COMPOUND = {
        (byte) 0x80, (byte) 201, 0, 1, 0, 0, 0, 7,
        (byte) 0x81, (byte) 202, 0, 1, 0, 0, 0, 7,
    };

    @Test
    void demultiplexesByPayloadTypeRange() {
        assertThat(Rtcp.isRtcp(COMPOUND, 0, COMPOUND.length)).isTrue();
        assertThat(Rtcp.isRtcp(new byte[] {(byte) 0x80, 0, 0, 0}, 0, 4)).as("PCMU").isFalse();
        assertThat(Rtcp.isRtcp(new byte[] {(byte) 0x80, (byte) 0xE5, 0, 0}, 0, 4)).as("marker + 101").isFalse();
        assertThat(Rtcp.isRtcp(new byte[] {(byte) 0x80, (byte) 200}, 0, 2)).as("SR").isTrue();
        assertThat(Rtcp.isRtcp(new byte[] {(byte) 0x80, (byte) 223}, 0, 2)).isTrue();
        assertThat(Rtcp.isRtcp(new byte[] {(byte) 0x80, (byte) 224}, 0, 2)).isFalse();
        assertThat(Rtcp.isRtcp(new byte[] {(byte) 0x80}, 0, 1)).isFalse();
    }

    @Test
    void checksCompoundFraming() {
        assertThat(Rtcp.isValidCompound(COMPOUND, 0, COMPOUND.length)).isTrue();
        assertThat(Rtcp.isValidCompound(COMPOUND, 0, 12)).as("cut in the middle").isFalse();
        assertThat(Rtcp.isValidCompound(COMPOUND, 0, 3)).isFalse();
        byte[] bad = COMPOUND.clone();
        bad[8] = 0x41;
        assertThat(Rtcp.isValidCompound(bad, 0, bad.length)).as("version 1 part").isFalse();
        bad = COMPOUND.clone();
        bad[9] = 100;
        assertThat(Rtcp.isValidCompound(bad, 0, bad.length)).as("not an RTCP type").isFalse();
    }
}
