package io.ramal.cti;

import java.util.Locale;

/** Why a call left the device it was offered to before being answered there. */
public enum DiversionReason {
    /** Call forwarding (unconditional, busy or no answer) sent it on. */
    FORWARDED,
    /** Another device picked it up. */
    PICKED_UP,
    /** The ringing device (or a command) deflected it to another destination. */
    DEFLECTED;

    /** The JSON spelling: {@code forwarded}, {@code picked_up}, {@code deflected}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
