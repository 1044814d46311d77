package io.ramal.api.webhooks;

import java.time.Duration;
import java.util.Objects;

/**
 * How webhooks are delivered. {@link #defaults()} are the production values (docs/webhooks.md and
 * the {@code webhooks.*} config keys).
 *
 * @param connectTimeout       to open the TCP (and TLS) connection to the receiver
 * @param readTimeout          for the receiver's whole answer (status, headers and body) once connected
 * @param lease                how long a claimed delivery is reserved for its dispatcher; after a
 *                             crash another dispatcher takes it this much later. Longer than
 *                             {@code connectTimeout + readTimeout}.
 * @param pollInterval         how often the dispatcher looks for due deliveries when not woken
 * @param batchSize            deliveries claimed per look
 * @param maxConcurrent        deliveries in flight at once (each on its own virtual thread)
 * @param backoff              the wait between attempts of one delivery
 * @param maxAttempts          a delivery that failed this many times is dead-lettered
 * @param maxAge               a delivery older than this is dead-lettered on its next failure
 * @param deliveredRetention   delivered deliveries (and their attempt logs) are deleted after this
 * @param deadRetention        dead letters are deleted after this
 * @param pruneInterval        how often the dispatcher deletes expired deliveries
 * @param subscriptionCacheTtl how long a node trusts its cached subscriptions without an
 *                             invalidation (other nodes' admin changes show after at most this)
 * @param shutdownGrace        how long {@link WebhookDispatcher#close()} waits for attempts in flight
 * @param maxReplay            deliveries one replay request may queue
 */
public record WebhookConfig(
        Duration connectTimeout,
        Duration readTimeout,
        Duration lease,
        Duration pollInterval,
        int batchSize,
        int maxConcurrent,
        Backoff backoff,
        int maxAttempts,
        Duration maxAge,
        Duration deliveredRetention,
        Duration deadRetention,
        Duration pruneInterval,
        Duration subscriptionCacheTtl,
        Duration shutdownGrace,
        int maxReplay) {

    public WebhookConfig {
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        positive(lease, "lease");
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException("lease must be longer than connectTimeout + readTimeout: " + lease);
        }
        positive(pollInterval, "pollInterval");
        atLeastOne(batchSize, "batchSize");
        atLeastOne(maxConcurrent, "maxConcurrent");
        Objects.requireNonNull(backoff, "backoff");
        atLeastOne(maxAttempts, "maxAttempts");
        positive(maxAge, "maxAge");
        positive(deliveredRetention, "deliveredRetention");
        positive(deadRetention, "deadRetention");
        positive(pruneInterval, "pruneInterval");
        Objects.requireNonNull(subscriptionCacheTtl, "subscriptionCacheTtl");
        if (subscriptionCacheTtl.isNegative()) {
            throw new IllegalArgumentException("subscriptionCacheTtl must not be negative");
        }
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        atLeastOne(maxReplay, "maxReplay");
    }

    /**
     * Production values: 5 s to connect, 10 s for the answer, 60 s lease, 1 s poll, 64 per look,
     * 32 in flight, backoff 5 s doubling to 15 min with 50 % jitter, dead after 20 attempts
     * (2-3 h of retrying) or at 24 h, delivered kept 7 d, dead letters 30 d, pruned hourly, subscriptions
     * cached 30 s, 5 s shutdown grace, replays of up to 1,000 deliveries.
     */
    public static WebhookConfig defaults() {
        return new WebhookConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(1), 64, 32, new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), 0.5), 20,
                Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofSeconds(30), Duration.ofSeconds(5), 1_000);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
