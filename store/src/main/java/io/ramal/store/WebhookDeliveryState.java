package io.ramal.store;

import java.util.Locale;

/** Where a webhook delivery stands. */
public enum WebhookDeliveryState {
    /** Not yet accepted by the receiver; it will be tried (again). */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Given up after too many attempts or too long; it can be replayed. */
    DEAD;

    /** The lower-case name stored in the database and shown in APIs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WebhookDeliveryState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
