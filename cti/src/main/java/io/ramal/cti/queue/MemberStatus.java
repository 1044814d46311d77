package io.ramal.cti.queue;

import java.util.Locale;

/** Where a member stands for its queue now, the first that applies in this order. */
public enum MemberStatus {
    /** The agent has no session. */
    LOGGED_OUT,
    /** Paused in this queue. */
    PAUSED,
    /** A queue call is being offered to it (its phone rings). */
    RINGING,
    /** On a call (a queue call it answered, or any call of its device). */
    IN_CALL,
    /** Its last queue call ended less than that queue's wrap-up ago. */
    WRAP_UP,
    /** In a pause reason that may not receive calls. */
    AGENT_PAUSED,
    /** It would be offered the queue's next call. */
    READY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
