package io.ramal.api.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * When a login name is locked: after {@code maxFailures} failed password checks within
 * {@code window}, for {@code lockFor}. Counted per tenant and name, whether or not the user exists.
 */
public record LockoutPolicy(int maxFailures, Duration window, Duration lockFor) {

    /** 5 failures within 15 minutes lock the name for 15 minutes. */
    public static final LockoutPolicy DEFAULTS = new LockoutPolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));

    public LockoutPolicy {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
        requirePositive(window, "window");
        requirePositive(lockFor, "lockFor");
    }

    static Duration requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
