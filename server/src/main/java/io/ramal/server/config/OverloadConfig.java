package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Overload protection of the SIP core ({@code sip.overload.*}); maps onto the {@code pbx}
 * module's {@code OverloadPolicy}.
 *
 * @param maxQueued  inbound messages that may wait for one SIP shard before new requests are refused
 * @param maxDelay   queueing delay above which new requests are refused while a backlog remains
 * @param retryAfter the {@code Retry-After} sent with the 503 refusal
 */
public record OverloadConfig(int maxQueued, Duration maxDelay, Duration retryAfter) {
    public static final OverloadConfig DEFAULTS =
            new OverloadConfig(5_000, Duration.ofMillis(250), Duration.ofSeconds(5));

    public OverloadConfig {
        Objects.requireNonNull(maxDelay, "max_delay");
        Objects.requireNonNull(retryAfter, "retry_after");
        if (maxQueued < 1) {
            throw new IllegalArgumentException("max_queued must be at least 1, got " + maxQueued);
        }
        if (maxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("max_delay must be at least 1ms, got " + DurationText.format(maxDelay));
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "retry_after must be at least 1s, got " + DurationText.format(retryAfter));
        }
    }
}
