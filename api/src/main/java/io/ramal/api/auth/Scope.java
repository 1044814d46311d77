package io.ramal.api.auth;

import java.util.Optional;

/**
 * What an API key may do. A key carries scopes instead of roles; {@link #ADMIN} allows everything
 * an administrator may do, and only an administrator's key may have it.
 */
public enum Scope {
    /** Subscribe to the event stream. */
    EVENTS_READ("events:read"),
    /** Read calls and devices. */
    CALLS_READ("calls:read"),
    /** Control calls (make, answer, hold, transfer, hang up, record). */
    CALLS_WRITE("calls:write"),
    /** List call recordings and download their audio. */
    RECORDINGS_READ("recordings:read"),
    /** Webhook subscriptions, their deliveries and the allow-list (an admin's key only). */
    WEBHOOKS_ADMIN("webhooks:admin"),
    /** Everything, including users and API keys. */
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** Whether only a key owned by an administrator may carry this scope. */
    public boolean adminOnly() {
        return this == ADMIN || this == WEBHOOKS_ADMIN;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
