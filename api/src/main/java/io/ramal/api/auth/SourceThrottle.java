package io.ramal.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits credential checks per client address with a token bucket ({@link RatePolicy}), against
 * password spraying across many names from one place. In memory, per node; buckets that have
 * refilled are forgotten once more than {@value #MAX_TRACKED} addresses are tracked.
 */
public final class SourceThrottle {

    static final int MAX_TRACKED = 10_000;

    private record Bucket(double tokens, Instant updatedAt) {}

    private final RatePolicy policy;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SourceThrottle(RatePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Takes one request from the source's bucket: empty if allowed, else how long to wait. */
    public Optional<Duration> acquire(String source, Instant now) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.entrySet().removeIf(entry -> refilled(entry.getValue(), now) >= policy.burst());
        }
        Duration[] wait = {null};
        buckets.compute(source, (key, bucket) -> {
            double tokens = bucket == null ? policy.burst() : refilled(bucket, now);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            long millis = (long) Math.ceil((1 - tokens) * policy.refillEvery().toMillis());
            wait[0] = Duration.ofMillis(Math.max(1, millis));
            return new Bucket(tokens, now);
        });
        return Optional.ofNullable(wait[0]);
    }

    /**
     * How long the source must wait before its next check, without taking anything from its
     * bucket: for checks that only {@link #acquire} on failure, so a blocked source is refused
     * before its credential is even looked at.
     */
    public Optional<Duration> waitFor(String source, Instant now) {
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            return Optional.empty();
        }
        double tokens = refilled(bucket, now);
        if (tokens >= 1) {
            return Optional.empty();
        }
        long millis = (long) Math.ceil((1 - tokens) * policy.refillEvery().toMillis());
        return Optional.of(Duration.ofMillis(Math.max(1, millis)));
    }

    private double refilled(Bucket bucket, Instant now) {
        long elapsed = Math.max(0, Duration.between(bucket.updatedAt(), now).toMillis());
        return Math.min(policy.burst(), bucket.tokens() + (double) elapsed / policy.refillEvery().toMillis());
    }
}
