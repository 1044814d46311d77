package io.ramal.cti.queue;

import java.util.Locale;

/** Why a caller left its queue ({@code queue.caller_left}'s {@code reason}). */
public enum LeaveReason {
    /** An agent answered it. */
    ANSWERED,
    /** The caller hung up while waiting. */
    ABANDONED,
    /** It waited the queue's maximum and went to the overflow destination. */
    OVERFLOW,
    /** It waited the queue's maximum, which has no overflow destination, and was released. */
    TIMEOUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
