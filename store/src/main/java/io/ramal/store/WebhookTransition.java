package io.ramal.store;

import java.time.Instant;
import java.util.Objects;

/** What becomes of a claimed delivery after an attempt. */
public sealed interface WebhookTransition {

    /** The receiver accepted it. */
    record Delivered(Instant at) implements WebhookTransition {
        public Delivered {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Try again at {@code at}; the lease is released and the attempt stays counted. (Also for a
     * subscription switched off by its receiver: the delivery waits, pending, until it is back on.)
     */
    record Retry(Instant at, String error) implements WebhookTransition {
        public Retry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(error, "error");
        }
    }

    /** Give up: a dead letter, which no longer holds back the subscription's later deliveries. */
    record Dead(Instant at, String error) implements WebhookTransition {
        public Dead {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Leave it pending and release the lease, giving the claim's attempt back: no attempt was made
     * (the subscription was switched off, or the dispatcher stopped mid-attempt).
     */
    record Release(String error) implements WebhookTransition {
        public Release {
            Objects.requireNonNull(error, "error");
        }
    }
}
