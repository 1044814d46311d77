package io.ramal.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelephoneEventDetectorTest {
    final List<DtmfDigit> digits = new ArrayList<>();
    final TelephoneEventDetector detector = new TelephoneEventDetector(digits::add);

    void press(long ts, int event, int... durations) {
        for (int d : durations) {
            detector.onEvent(ts, new TelephoneEvent(event, false, 10, d));
        }
    }

    void end(long ts, int event, int duration, int times) {
        for (int i = 0; i < times; i++) {
            detector.onEvent(ts, new TelephoneEvent(event, true, 10, duration));
        }
    }

    @Test
    void reportsOneDigitPerPressDespiteRedundantEnds() {
        press(1000, 5, 160, 320, 480, 640);
        end(1000, 5, 800, 3);

        assertThat(digits).containsExactly(new DtmfDigit('5', Duration.ofMillis(100)));
    }

    @Test
    void ignoresRetransmittedStartsAndLateUpdates() {
        press(1000, 1, 160, 160, 320);
        end(1000, 1, 480, 1);
        press(1000, 1, 320);
        end(1000, 1, 480, 2);

        assertThat(digits).containsExactly(new DtmfDigit('1', Duration.ofMillis(60)));
    }

    @Test
    void tellsRepeatedPressesOfOneKeyApartByTimestamp() {
        press(1000, 9, 160);
        end(1000, 9, 400, 3);
        press(3000, 9, 160);
        end(3000, 9, 400, 3);

        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('9', '9');
    }

    @Test
    void reportsAPressWhoseEndsWereLostWhenTheNextOneStarts() {
        press(1000, 2, 160, 320);
        press(4000, 3, 160);
        end(4000, 3, 320, 3);

        assertThat(digits).containsExactly(new DtmfDigit('2', Duration.ofMillis(40)), new DtmfDigit('3', Duration.ofMillis(40)));
    }

    @Test
    void reportsAPressWhoseEndsWereLostWhenAudioResumes() {
        press(1000, 4, 160, 320);
        detector.onAudio(1000 + 320);
        assertThat(digits).as("audio alongside the event").isEmpty();

        detector.onAudio(1000 + 320 + TelephoneEventDetector.AUDIO_GRACE + 160);

        assertThat(digits).containsExactly(new DtmfDigit('4', Duration.ofMillis(40)));
    }

    @Test
    void ignoresPacketsOfOlderPresses() {
        press(5000, 6, 160);
        end(5000, 6, 320, 1);
        end(4000, 7, 320, 1);
        press(4000, 7, 160);

        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('6');
    }

    @Test
    void handlesTimestampWrapAround() {
        press(0xFFFF_FF00L, 1, 160);
        end(0xFFFF_FF00L, 1, 320, 3);
        press(0x100, 2, 160);
        end(0x100, 2, 320, 3);

        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1', '2');
    }

    @Test
    void ignoresNonDigitEventsAndFlushesOnRequest() {
        press(100, 16, 160);
        end(100, 16, 320, 3);
        press(500, 0, 160);
        detector.flush();
        detector.flush();

        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('0');
    }

    @Test
    void detectsWhatTheGeneratorProduces() {
        for (var p : TelephoneEventGenerator.packets('#', Duration.ofMillis(120), 101, 1, 10, 7777)) {
            byte[] payload = p.payload();
            detector.onEvent(p.timestamp(), TelephoneEvent.parse(payload, 0, payload.length).orElseThrow());
        }

        assertThat(digits).containsExactly(new DtmfDigit('#', Duration.ofMillis(120)));
    }
}
