package io.ramal.store;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a tenant's events stay in the {@link EventLog}: older than {@code maxAge}, or beyond
 * the newest {@code maxEvents}, they may be pruned. Retention always removes a prefix of the log
 * (the oldest seq values), never a hole in the middle.
 */
public record EventRetention(Optional<Duration> maxAge, Optional<Long> maxEvents) {

    public EventRetention {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxEvents, "maxEvents");
        maxAge.ifPresent(age -> {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive: " + age);
            }
        });
        maxEvents.ifPresent(count -> {
            if (count < 0) {
                throw new IllegalArgumentException("maxEvents must not be negative: " + count);
            }
        });
    }

    /** Keeps everything. */
    public static EventRetention unlimited() {
        return new EventRetention(Optional.empty(), Optional.empty());
    }

    public static EventRetention ofMaxAge(Duration maxAge) {
        return new EventRetention(Optional.of(maxAge), Optional.empty());
    }

    public static EventRetention ofMaxEvents(long maxEvents) {
        return new EventRetention(Optional.empty(), Optional.of(maxEvents));
    }
}
