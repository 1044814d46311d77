package io.ramal.store;

import java.util.Locale;

/** What one delivery attempt led to. */
public enum WebhookAttemptOutcome {
    /** The receiver accepted it (2xx). */
    DELIVERED,
    /** It failed and will be tried again later. */
    RETRY,
    /** It failed and the delivery was given up (dead letter). */
    DEAD,
    /** The receiver answered 410 Gone: the subscription was switched off, the delivery waits. */
    GONE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WebhookAttemptOutcome fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
