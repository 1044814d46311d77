package io.ramal.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.media.rtp.RtpPacket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventGeneratorTest {

    @Test
    void producesUpdatesThenThreeEndPackets() {
        List<TelephoneEvent> events = TelephoneEventGenerator.events(7, Duration.ofMillis(100), 10, 160);

        assertThat(events).extracting(TelephoneEvent::duration).containsExactly(160, 320, 480, 640, 800, 800, 800, 800);
        assertThat(events).extracting(TelephoneEvent::end)
                .containsExactly(false, false, false, false, false, true, true, true);
        assertThat(events).allMatch(e -> e.event() == 7 && e.volume() == 10);
    }

    @Test
    void roundsAPartialLastIntervalToTheExactDuration() {
        List<TelephoneEvent> events = TelephoneEventGenerator.events(1, Duration.ofMillis(50), 10, 160);

        assertThat(events).extracting(TelephoneEvent::duration).containsExactly(160, 320, 400, 400, 400, 400);
    }

    @Test
    void packetsShareOneTimestampAndContinueTheSequence() {
        List<RtpPacket> packets = TelephoneEventGenerator.packets('5', Duration.ofMillis(60), 101, 0xABCDL, 65534, 16000);

        assertThat(packets).hasSize(6);
        assertThat(packets).extracting(RtpPacket::sequenceNumber).containsExactly(65534, 65535, 0, 1, 2, 3);
        assertThat(packets).allMatch(p -> p.timestamp() == 16000 && p.ssrc() == 0xABCDL && p.payloadType() == 101);
        assertThat(packets).extracting(RtpPacket::marker).containsExactly(true, false, false, false, false, false);
    }
}
