package io.ramal.pbx.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The MP3 finisher gives the cores back to recorded calls, but never lets its backlog run away. */
class FinisherPacingTest {
    private final AtomicInteger recording = new AtomicInteger();
    private final AtomicInteger backlog = new AtomicInteger();
    private final FinisherPacing pacing = new FinisherPacing(recording::get, backlog::get, 200);

    @Test
    void whileCallsAreRecordedItRestsTwiceAsLongAsItWorked() {
        recording.set(300);
        backlog.set(12);

        assertThat(pacing.restAfter(Duration.ofMillis(3))).isEqualTo(Duration.ofMillis(6));
    }

    @Test
    void withNothingRecordedItRunsFlatOut() {
        backlog.set(50);

        assertThat(pacing.restAfter(Duration.ofMillis(3))).isZero();
    }

    @Test
    void aBacklogAtTheLimitStopsTheResting() {
        recording.set(300);
        backlog.set(200);

        assertThat(pacing.restAfter(Duration.ofMillis(3))).isZero();
        backlog.set(199);
        assertThat(pacing.restAfter(Duration.ofMillis(3))).isEqualTo(Duration.ofMillis(6));
    }
}
