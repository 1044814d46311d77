package io.ramal.pbx.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The MP3 finisher gives the cores back to recorded calls, but never lets its backlog run away. */
class FinisherPacingTest {
    private final AtomicInteger recording = new AtomicInteger();
    private final AtomicReference<Duration> oldestWait = new AtomicReference<>(Duration.ZERO);
    private final FinisherPacing pacing = new FinisherPacing(recording::get, oldestWait::get, Duration.ofMinutes(5));

    @Test
    void whileCallsAreRecordedItRestsTwiceAsLongAsItWorked() {
        recording.set(300);
        oldestWait.set(Duration.ofSeconds(40));

        assertThat(pacing.restAfter(Duration.ofMillis(3))).isEqualTo(Duration.ofMillis(6));
    }

    @Test
    void withNothingRecordedItRunsFlatOut() {
        oldestWait.set(Duration.ofSeconds(40));

        assertThat(pacing.restAfter(Duration.ofMillis(3))).isZero();
    }

    @Test
    void aRecordingWaitingForItsMp3AsLongAsTheLimitStopsTheResting() {
        recording.set(300);
        oldestWait.set(Duration.ofMinutes(5));

        assertThat(pacing.restAfter(Duration.ofMillis(3))).isZero();
        oldestWait.set(Duration.ofMinutes(5).minusMillis(1));
        assertThat(pacing.restAfter(Duration.ofMillis(3))).isEqualTo(Duration.ofMillis(6));
    }
}
