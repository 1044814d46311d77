package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Call park ({@code sip.park.*}): the slot numbers every tenant parks calls in (the numbers its
 * phones dial to pick one up) and how long a call stays parked before the parker's phone rings.
 */
public record ParkConfig(int first, int last, Duration timeout) {
    public static final ParkConfig DEFAULTS = new ParkConfig(701, 720, Duration.ofSeconds(60));

    public ParkConfig {
        Objects.requireNonNull(timeout, "timeout");
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("park slots must be first..last with 1 <= first <= last, got " + first
                    + ".." + last);
        }
        if (last - first >= 1000) {
            throw new IllegalArgumentException("at most 1000 park slots, got " + (last - first + 1));
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("park timeout must be at least 1s, got " + DurationText.format(timeout));
        }
    }
}
