package io.ramal.cti;

import java.util.Locale;

/**
 * CSTA connection states: how one endpoint takes part in one call.
 *
 * <p>Snapshots list only connections a client can see: {@link #NULL} (an attempt the PBX has
 * started but that has not rung yet) and {@link #CLEARED} (gone) are never listed; a cleared
 * connection is shown once, in its {@code connection.cleared} event.
 */
public enum ConnectionState {
    /** No visible relationship yet: the PBX is trying to reach the endpoint. */
    NULL,
    /** The endpoint placed the call, which has not been answered yet (it hears ringback). */
    INITIATED,
    /** The endpoint is ringing. */
    ALERTING,
    /** The endpoint is in the conversation. */
    CONNECTED,
    /** The endpoint put the call on hold. */
    HELD,
    /** The call waits at the endpoint (a queue); reserved for the ACD. */
    QUEUED,
    /** The attempt to reach the endpoint failed (busy, no answer, rejected, unreachable…). */
    FAILED,
    /** The endpoint left the call. */
    CLEARED;

    /** The JSON spelling: the lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the states a snapshot lists (all but {@link #NULL} and {@link #CLEARED}). */
    public boolean visible() {
        return this != NULL && this != CLEARED;
    }

    /** True while the endpoint has not yet talked in this call. */
    public boolean beforeAnswer() {
        return this == NULL || this == INITIATED || this == ALERTING || this == QUEUED;
    }
}
