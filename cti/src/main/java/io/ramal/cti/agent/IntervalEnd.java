package io.ramal.cti.agent;

import java.util.Locale;
import java.util.Optional;

/** How an interval of the ledger ended. */
public enum IntervalEnd {
    /** The agent (or a supervisor) chose another reason, or made the agent available. */
    CHANGED,
    /** A "pause after the current call" took effect when the call ended. */
    AFTER_CALL,
    /** The session ended by a logout. */
    LOGGED_OUT,
    /** A second login of the same agent took the session over. */
    TAKEN_OVER,
    /** The agent's client and device were gone longer than the grace period. */
    VANISHED,
    /** A logged-out interval ended because the agent logged in. */
    LOGGED_IN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IntervalEnd> fromWire(String text) {
        for (IntervalEnd value : values()) {
            if (value.wire().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
