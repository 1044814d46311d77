package io.ramal.api.webhooks;

import io.ramal.store.WebhookAttempt;
import io.ramal.store.WebhookAttemptOutcome;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookSubscription;
import io.ramal.store.WebhookTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.DoubleSupplier;

/**
 * Makes one attempt of one claimed delivery, start to finish: read the subscription as it is now,
 * render and sign the request, pass the SSRF guard (again: DNS may have changed since the
 * subscription was made), send, decide with the {@link RetryPolicy}, then log the attempt and
 * move the delivery on in one transaction.
 */
final class Courier {

    private final Webhooks webhooks;
    private final AddressGuard guard;
    private final WebhookSender sender;
    private final RetryPolicy policy;
    private final String owner;
    private final DoubleSupplier random;
    private final DeliveryFields fields;

    Courier(Webhooks webhooks, AddressGuard guard, WebhookSender sender, String owner, DoubleSupplier random,
            DeliveryFields fields) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.policy = RetryPolicy.of(webhooks.config());
        this.owner = Objects.requireNonNull(owner, "owner");
        this.random = Objects.requireNonNull(random, "random");
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    /** Attempts the delivery; returns the attempt's outcome (empty when no attempt was made). */
    Optional<WebhookAttemptOutcome> deliver(WebhookDelivery delivery) throws InterruptedException {
        Optional<WebhookSubscription> stored =
                webhooks.subscriptions().find(delivery.tenantId(), delivery.subscriptionId());
        if (stored.isEmpty()) {
            return Optional.empty(); // deleted: its deliveries went with it
        }
        if (!stored.get().enabled()) {
            webhooks.outbox().complete(delivery.id(), owner, Optional.empty(),
                    new WebhookTransition.Release("subscription switched off"));
            return Optional.empty();
        }
        Instant started = webhooks.clock().instant();
        Subscription subscription;
        try {
            subscription = Subscription.from(stored.get());
        } catch (IllegalArgumentException e) {
            return finish(delivery, started, failure(delivery, "damaged subscription: " + e.getMessage()));
        }
        return switch (RequestRenderer.render(subscription, delivery, started, fields)) {
            case RequestRenderer.Rendered.Failed failed -> finish(delivery, started, failure(delivery, failed.reason()));
            case RequestRenderer.Rendered.Ready ready -> send(delivery, started, ready.request());
        };
    }

    private Optional<WebhookAttemptOutcome> send(WebhookDelivery delivery, Instant started, WebhookRequest request)
            throws InterruptedException {
        AddressGuard.Verdict verdict = guard.check(request.uri(), webhooks.allowList(delivery.tenantId()));
        if (verdict instanceof AddressGuard.Verdict.Refused refused) {
            return finish(delivery, started, failure(delivery, "url_not_allowed: " + refused.reason()));
        }
        SendResult result;
        try {
            result = sender.send(request);
        } catch (InterruptedException e) {
            // stopping: give the delivery back at once rather than leaving it to the lease
            webhooks.outbox().complete(delivery.id(), owner, Optional.empty(),
                    new WebhookTransition.Release("dispatcher stopped during the attempt"));
            throw e;
        }
        Instant now = webhooks.clock().instant();
        Attempted attempted = switch (result) {
            case SendResult.Answered answered -> new Attempted(
                    policy.afterAnswer(delivery, answered.status(), now, random.getAsDouble()),
                    Optional.of(answered.status()), Optional.of(answered.snippet()), Optional.empty(),
                    answered.latency());
            case SendResult.Failed failed -> new Attempted(
                    policy.afterFailure(delivery, failed.error(), now, random.getAsDouble()),
                    Optional.empty(), Optional.empty(), Optional.of(failed.error()), failed.latency());
        };
        Optional<WebhookAttemptOutcome> outcome = finish(delivery, started, attempted);
        if (outcome.equals(Optional.of(WebhookAttemptOutcome.GONE))) {
            webhooks.subscriptions().disable(delivery.tenantId(), delivery.subscriptionId(),
                    "the receiver answered 410 Gone at " + now, now);
            webhooks.invalidate(delivery.tenantId());
        }
        return outcome;
    }

    private record Attempted(RetryPolicy.Decision decision, Optional<Integer> status, Optional<String> snippet,
            Optional<String> error, Duration latency) {}

    private Attempted failure(WebhookDelivery delivery, String error) {
        return new Attempted(policy.afterFailure(delivery, error, webhooks.clock().instant(), random.getAsDouble()),
                Optional.empty(), Optional.empty(), Optional.of(error), Duration.ZERO);
    }

    private Optional<WebhookAttemptOutcome> finish(WebhookDelivery delivery, Instant started, Attempted attempted) {
        WebhookAttempt log = new WebhookAttempt(UUID.randomUUID().toString(), delivery.id(), delivery.tenantId(),
                Math.max(1, delivery.attempts()), started, attempted.latency().toMillis(), attempted.status(),
                attempted.snippet(), attempted.error(), attempted.decision().outcome());
        webhooks.outbox().complete(delivery.id(), owner, Optional.of(log), attempted.decision().transition());
        return Optional.of(attempted.decision().outcome());
    }
}
