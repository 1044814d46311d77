package io.ramal.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {

    @Test
    void mirrorsWhatTheOtherSideDoes() {
        assertThat(Direction.SENDONLY.mirror()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.mirror()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.SENDRECV.mirror()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.INACTIVE.mirror()).isEqualTo(Direction.INACTIVE);
    }

    @Test
    void intersectsPermissions() {
        assertThat(Direction.SENDRECV.intersect(Direction.SENDONLY)).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.RECVONLY.intersect(Direction.SENDONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.withoutReceiving()).isEqualTo(Direction.SENDONLY);
    }

    @Test
    void readsAttributesIgnoringCase() {
        assertThat(Direction.fromAttribute(new SdpLine('a', "SendOnly"))).contains(Direction.SENDONLY);
        assertThat(Direction.fromAttribute(new SdpLine('a', "sendonly:x"))).isEmpty();
        assertThat(Direction.fromAttribute(new SdpLine('i', "sendonly"))).isEmpty();
    }
}
