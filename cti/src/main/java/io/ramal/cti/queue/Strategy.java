package io.ramal.cti.queue;

import java.util.Locale;

/**
 * How a queue picks the agents to offer a waiting call to, among its members that may take it now,
 * always from the lowest priority tier that still has one not yet tried for this caller.
 */
public enum Strategy {
    /** Every such member of the tier at once; the first to answer gets the call. */
    RING_ALL,
    /** The member idle longest: since its last wrap-up ended or it became available, whichever is later. */
    LONGEST_IDLE,
    /** The next member after the one offered last, in the order members joined. */
    ROUND_ROBIN,
    /** The member who answered the fewest calls of this queue. */
    FEWEST_CALLS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy named {@code text} ({@code ring_all}, {@code longest_idle}, ...). */
    public static Strategy fromWire(String text) {
        for (Strategy strategy : values()) {
            if (strategy.wire().equals(text)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("strategy must be ring_all, longest_idle, round_robin or fewest_calls, got "
                + text);
    }
}
