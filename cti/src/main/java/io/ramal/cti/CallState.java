package io.ramal.cti;

import java.util.Locale;

/**
 * The state of a call as a whole, derived from its connections: a summary for lists and
 * wallboards. Per-endpoint detail (who holds, who rings) is in the connection states.
 */
public enum CallState {
    /** Placed, nobody rings yet. */
    INITIATED,
    /** Ringing somewhere, not answered. */
    ALERTING,
    /** Answered; nobody holds. */
    CONNECTED,
    /** Answered; some party holds. */
    HELD,
    /** Not answered and the last attempt failed; the caller has not left yet. */
    FAILED,
    /** Over: no party is left. */
    CLEARED;

    /** The JSON spelling: the lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
