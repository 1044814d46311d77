package io.ramal.cti;

import java.util.Locale;

/**
 * What an extension is doing now, as a supervisor's board shows it (the Meetip monitoring channel's
 * free / ringing / busy): derived from its registration and its parties in the tenant's live calls (a
 * phone supervising a call, listening, whispering or barging in, counts as talking in it).
 * When the device is a party of several calls, the busiest wins: {@link #IN_CALL} over
 * {@link #RINGING} over {@link #ON_HOLD}.
 */
public enum DeviceState {
    /** No registered contact and in no call. */
    OFFLINE,
    /** Registered and in no call. */
    IDLE,
    /** A call rings at it (and it talks in no other call). */
    RINGING,
    /** It talks, or places a call (dialling, hearing ringback), in at least one call. */
    IN_CALL,
    /** Its only calls are ones it holds. */
    ON_HOLD;

    /** The JSON spelling: the lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state of a device whose visible parties are in {@code parties} states, registered or not.
     */
    public static DeviceState of(Iterable<ConnectionState> parties, boolean registered) {
        boolean ringing = false;
        boolean holding = false;
        for (ConnectionState party : parties) {
            switch (party) {
                case CONNECTED, INITIATED -> {
                    return IN_CALL;
                }
                case ALERTING, QUEUED -> ringing = true;
                case HELD -> holding = true;
                case NULL, FAILED, CLEARED -> { }
            }
        }
        if (ringing) {
            return RINGING;
        }
        if (holding) {
            return ON_HOLD;
        }
        return registered ? IDLE : OFFLINE;
    }
}
