package io.ramal.cti;

import java.util.Locale;

/**
 * What a party may do to a call; each action is one capability flag in snapshots
 * ({@code can_answer}, {@code can_hold}…) and is checked again when a command arrives.
 */
public enum Action {
    ANSWER, HANGUP, HOLD, RETRIEVE, TRANSFER, CONSULT, COMPLETE_TRANSFER, CONFERENCE, SEND_DTMF, RECORD, MUTE, UNMUTE;

    /** The flag's JSON key, e.g. {@code can_complete_transfer}. */
    public String flag() {
        return "can_" + name().toLowerCase(Locale.ROOT);
    }
}
