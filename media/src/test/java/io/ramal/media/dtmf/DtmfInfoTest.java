package io.ramal.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DtmfInfoTest {

    static DtmfDigit parsed(String type, String body) {
        DtmfInfo.Result r = DtmfInfo.parse(type, body);
        assertThat(r).isInstanceOf(DtmfInfo.Parsed.class);
        return ((DtmfInfo.Parsed) r).digit();
    }

    @Test
    void readsDtmfRelayBodies() {
        assertThat(parsed("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"))
                .isEqualTo(new DtmfDigit('5', Duration.ofMillis(160)));
        assertThat(parsed("Application/DTMF-Relay; charset=utf-8", "signal= #\nduration = 100"))
                .isEqualTo(new DtmfDigit('#', Duration.ofMillis(100)));
        assertThat(parsed("application/dtmf-relay", "Signal=10\r\nDuration=200")).extracting(DtmfDigit::digit)
                .isEqualTo('*');
        assertThat(parsed("application/dtmf-relay", "Signal=b")).isEqualTo(new DtmfDigit('B', Duration.ofMillis(250)));
    }

    @Test
    void readsDtmfBodies() {
        assertThat(parsed("application/dtmf", "7\r\n")).isEqualTo(new DtmfDigit('7', Duration.ofMillis(250)));
        assertThat(parsed("application/dtmf", "11")).extracting(DtmfDigit::digit).isEqualTo('#');
    }

    @Test
    void refusesWhatIsNotADigit() {
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Duration=160")).isInstanceOf(DtmfInfo.Unrecognized.class);
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=X")).isInstanceOf(DtmfInfo.Unrecognized.class);
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=16")).isInstanceOf(DtmfInfo.Unrecognized.class);
        assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=1\nDuration=soon"))
                .isInstanceOf(DtmfInfo.Unrecognized.class);
        assertThat(DtmfInfo.parse("application/dtmf", "")).isInstanceOf(DtmfInfo.Unrecognized.class);
        assertThat(DtmfInfo.parse("application/sdp", "v=0")).isInstanceOf(DtmfInfo.Unrecognized.class);
        assertThat(DtmfInfo.isDtmf("application/dtmf-relay;x=y")).isTrue();
        assertThat(DtmfInfo.isDtmf("text/plain")).isFalse();
    }
}
