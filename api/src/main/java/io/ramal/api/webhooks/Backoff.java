package io.ramal.api.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with jitter: after the n-th failed attempt the next one waits
 * {@code min(max, base · 2^(n-1))}, shortened by a random share of up to {@code jitter} of it so
 * that deliveries failing together do not retry together.
 *
 * @param jitter between 0 (none) and 1
 */
public record Backoff(Duration base, Duration max, double jitter) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive: " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max must be at least base: " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first), for a {@code random} in [0, 1). */
    public Duration delayAfter(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        long baseNanos = base.toNanos();
        long maxNanos = max.toNanos();
        int doublings = Math.min(attempt - 1, 62);
        // base << doublings, without overflowing: past max it is max
        long raw = baseNanos > (maxNanos >> doublings) ? maxNanos : baseNanos << doublings;
        long cut = (long) (raw * jitter * Math.clamp(random, 0.0, 1.0));
        return Duration.ofNanos(raw - cut);
    }
}
