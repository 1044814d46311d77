package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on its way to one subscription: a row of the webhook outbox.
 *
 * @param id            the idempotency id, the same on every attempt of this delivery
 * @param seq           the event's place in its tenant's event log; a subscription's deliveries go
 *                      out in this order
 * @param payload       the event as a JSON object text (envelope and fields)
 * @param attempts      how many times a dispatcher claimed it
 * @param leaseOwner    the dispatcher holding it, until {@code leaseUntil}
 * @param finishedAt    when it was delivered or given up
 * @param replayOf      for a replay, the delivery it repeats
 * @param replayedAt    when this delivery was last replayed
 */
public record WebhookDelivery(
        String id,
        String tenantId,
        String subscriptionId,
        long seq,
        String eventId,
        String eventType,
        String payload,
        WebhookDeliveryState state,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Optional<String> leaseOwner,
        Optional<Instant> leaseUntil,
        Optional<String> lastError,
        Optional<Instant> finishedAt,
        Optional<String> replayOf,
        Optional<Instant> replayedAt) {

    public WebhookDelivery {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(subscriptionId, "subscriptionId");
        Text.requireNonBlank(eventId, "eventId");
        Text.requireNonBlank(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(state, "state");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        createdAt = millis(createdAt, "createdAt");
        nextAttemptAt = millis(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        leaseUntil = Objects.requireNonNull(leaseUntil, "leaseUntil").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
        Objects.requireNonNull(lastError, "lastError");
        finishedAt = Objects.requireNonNull(finishedAt, "finishedAt").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
        Objects.requireNonNull(replayOf, "replayOf");
        replayedAt = Objects.requireNonNull(replayedAt, "replayedAt").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A new delivery, due at once. */
    public static WebhookDelivery pending(String id, String tenantId, String subscriptionId, long seq, String eventId,
            String eventType, String payload, Instant createdAt, Optional<String> replayOf) {
        return new WebhookDelivery(id, tenantId, subscriptionId, seq, eventId, eventType, payload,
                WebhookDeliveryState.PENDING, 0, createdAt, createdAt, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), replayOf, Optional.empty());
    }

    private static Instant millis(Instant instant, String name) {
        return Objects.requireNonNull(instant, name).truncatedTo(ChronoUnit.MILLIS);
    }
}
