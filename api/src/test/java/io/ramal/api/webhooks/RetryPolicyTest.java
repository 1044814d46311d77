package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.WebhookAttemptOutcome;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookDeliveryState;
import io.ramal.store.WebhookTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15), 0.5);
    private final RetryPolicy policy = new RetryPolicy(backoff, 5, Duration.ofHours(24));

    private static WebhookDelivery claimed(int attempts) {
        return new WebhookDelivery("d", "t", "s", 1, "e", "call.delivered", "{}", WebhookDeliveryState.PENDING,
                attempts, T0, T0, Optional.of("me"), Optional.of(T0), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    @Test
    void backoffDoublesFromTheBaseUpToTheMaxAndJitterOnlyShortensIt() {
        assertThat(backoff.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(4, 0)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delayAfter(9, 0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delayAfter(500, 0)).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delayAfter(4, 0.999)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
        assertThat(backoff.delayAfter(4, 1.0)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void a2xxIsDeliveredAnythingElseRetriesAfterTheBackoff() {
        assertThat(policy.afterAnswer(claimed(1), 204, T0, 0).transition())
                .isEqualTo(new WebhookTransition.Delivered(T0));
        RetryPolicy.Decision failed = policy.afterAnswer(claimed(2), 503, T0, 0);

        assertThat(failed.outcome()).isEqualTo(WebhookAttemptOutcome.RETRY);
        assertThat(failed.transition()).isEqualTo(new WebhookTransition.Retry(T0.plusSeconds(10), "HTTP 503"));
        assertThat(policy.afterAnswer(claimed(1), 302, T0, 0).outcome())
                .as("redirects are not followed").isEqualTo(WebhookAttemptOutcome.RETRY);
    }

    @Test
    void goneSwitchesOffAndKeepsTheDeliveryPending() {
        RetryPolicy.Decision gone = policy.afterAnswer(claimed(1), 410, T0, 0);

        assertThat(gone.outcome()).isEqualTo(WebhookAttemptOutcome.GONE);
        assertThat(gone.transition()).isEqualTo(new WebhookTransition.Retry(T0, "HTTP 410 Gone: subscription switched off"));
    }

    @Test
    void deadLettersAfterTheLastAttemptOrOnceTooOld() {
        assertThat(policy.afterFailure(claimed(4), "connection refused", T0, 0).outcome())
                .isEqualTo(WebhookAttemptOutcome.RETRY);
        assertThat(policy.afterFailure(claimed(5), "connection refused", T0, 0).transition())
                .isInstanceOfSatisfying(WebhookTransition.Dead.class, dead ->
                        assertThat(dead.error()).contains("connection refused").contains("after 5 attempts"));
        assertThat(policy.afterFailure(claimed(1), "HTTP 500", T0.plus(Duration.ofHours(24)), 0).outcome())
                .isEqualTo(WebhookAttemptOutcome.DEAD);
    }
}
