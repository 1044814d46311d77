package io.ramal.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    @Test
    void readsAndWritesTheFourBytePayload() {
        byte[] wire = {5, (byte) 0x8A, 0x03, 0x20};

        TelephoneEvent e = TelephoneEvent.parse(wire, 0, 4).orElseThrow();

        assertThat(e).isEqualTo(new TelephoneEvent(5, true, 10, 800));
        assertThat(e.toBytes()).isEqualTo(wire);
    }

    @Test
    void ignoresTheReservedBitAndRefusesShortPayloads() {
        assertThat(TelephoneEvent.parse(new byte[] {11, 0x4F, 0, (byte) 0xA0}, 0, 4))
                .contains(new TelephoneEvent(11, false, 15, 160));
        assertThat(TelephoneEvent.parse(new byte[] {1, 2, 3}, 0, 3)).isEmpty();
    }

    @Test
    void mapsDigitsToEventCodes() {
        assertThat(DtmfDigit.eventOf('*')).isEqualTo(10);
        assertThat(DtmfDigit.eventOf('#')).isEqualTo(11);
        assertThat(DtmfDigit.digitOf(15)).isEqualTo('D');
        assertThat(DtmfDigit.isDigitEvent(16)).as("flash").isFalse();
    }
}
