package io.ramal.api.webhooks;

import io.ramal.store.WebhookAttemptOutcome;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides what an attempt's result means for its delivery. Pure: time and randomness are given.
 * <ul>
 *   <li>2xx: delivered.
 *   <li>410 Gone: the receiver asks to stop — the subscription is switched off and the delivery
 *       stays pending (it is sent again, first, when the subscription is switched back on).
 *   <li>anything else (other statuses, no answer, refused by the SSRF guard, unrenderable): retried
 *       after {@link Backoff}, or dead-lettered when it has had {@code maxAttempts} attempts or is
 *       older than {@code maxAge}.
 * </ul>
 */
record RetryPolicy(Backoff backoff, int maxAttempts, Duration maxAge) {

    RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxAge, "maxAge");
    }

    static RetryPolicy of(WebhookConfig config) {
        return new RetryPolicy(config.backoff(), config.maxAttempts(), config.maxAge());
    }

    /** What happens to a delivery after an attempt. */
    record Decision(WebhookAttemptOutcome outcome, WebhookTransition transition) {}

    /** After an answer with this status. */
    Decision afterAnswer(WebhookDelivery delivery, int status, Instant now, double random) {
        if (status >= 200 && status < 300) {
            return new Decision(WebhookAttemptOutcome.DELIVERED, new WebhookTransition.Delivered(now));
        }
        if (status == 410) {
            // pending and due at once: it goes out first when the subscription is switched back on
            return new Decision(WebhookAttemptOutcome.GONE,
                    new WebhookTransition.Retry(now, "HTTP 410 Gone: subscription switched off"));
        }
        return afterFailure(delivery, "HTTP " + status, now, random);
    }

    /** After a failure without a usable answer. */
    Decision afterFailure(WebhookDelivery delivery, String error, Instant now, double random) {
        boolean tooMany = delivery.attempts() >= maxAttempts;
        boolean tooOld = !now.isBefore(delivery.createdAt().plus(maxAge));
        if (tooMany || tooOld) {
            String why = tooMany ? "after " + delivery.attempts() + " attempts" : "older than " + maxAge;
            return new Decision(WebhookAttemptOutcome.DEAD, new WebhookTransition.Dead(now, error + " (dead " + why + ")"));
        }
        Duration wait = backoff.delayAfter(Math.max(1, delivery.attempts()), random);
        return new Decision(WebhookAttemptOutcome.RETRY, new WebhookTransition.Retry(now.plus(wait), error));
    }
}
