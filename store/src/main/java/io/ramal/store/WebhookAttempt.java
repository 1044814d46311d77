package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The log of one delivery attempt.
 *
 * @param attempt         1 for the first attempt of the delivery, then 2, 3…
 * @param statusCode      the receiver's HTTP status, when it answered
 * @param responseSnippet the start of the receiver's answer (at most 512 characters)
 * @param error           why the attempt failed, when it did not get an answer or was refused
 */
public record WebhookAttempt(
        String id,
        String deliveryId,
        String tenantId,
        int attempt,
        Instant startedAt,
        long latencyMs,
        Optional<Integer> statusCode,
        Optional<String> responseSnippet,
        Optional<String> error,
        WebhookAttemptOutcome outcome) {

    public static final int MAX_SNIPPET = 512;

    public WebhookAttempt {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(deliveryId, "deliveryId");
        Text.requireNonBlank(tenantId, "tenantId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
        }
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MILLIS);
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must not be negative: " + latencyMs);
        }
        Objects.requireNonNull(statusCode, "statusCode");
        responseSnippet = Objects.requireNonNull(responseSnippet, "responseSnippet").map(WebhookAttempt::cut);
        error = Objects.requireNonNull(error, "error").map(WebhookAttempt::cut);
        Objects.requireNonNull(outcome, "outcome");
    }

    private static String cut(String text) {
        return text.length() <= MAX_SNIPPET ? text : text.substring(0, MAX_SNIPPET);
    }
}
