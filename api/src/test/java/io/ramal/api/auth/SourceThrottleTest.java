package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceThrottleTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private final SourceThrottle throttle = new SourceThrottle(new RatePolicy(3, Duration.ofSeconds(2)));

    @Test
    void allowsABurstThenTellsHowLongToWait() {
        assertThat(throttle.acquire("10.0.0.1", NOW)).isEmpty();
        assertThat(throttle.acquire("10.0.0.1", NOW)).isEmpty();
        assertThat(throttle.acquire("10.0.0.1", NOW)).isEmpty();

        assertThat(throttle.acquire("10.0.0.1", NOW)).contains(Duration.ofSeconds(2));
    }

    @Test
    void earnsRequestsBackOverTime() {
        for (int i = 0; i < 3; i++) {
            throttle.acquire("10.0.0.1", NOW);
        }

        assertThat(throttle.acquire("10.0.0.1", NOW.plusSeconds(1))).contains(Duration.ofSeconds(1));
        assertThat(throttle.acquire("10.0.0.1", NOW.plusSeconds(2))).isEmpty();
        assertThat(throttle.acquire("10.0.0.1", NOW.plusSeconds(2))).isPresent();
    }

    @Test
    void countsEachSourceApart() {
        for (int i = 0; i < 3; i++) {
            throttle.acquire("10.0.0.1", NOW);
        }

        assertThat(throttle.acquire("10.0.0.2", NOW)).isEmpty();
    }
}
