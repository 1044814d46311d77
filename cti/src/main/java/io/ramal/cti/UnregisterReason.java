package io.ramal.cti;

import java.util.Locale;

/** Why a registered contact of a device went away. */
public enum UnregisterReason {
    /** The phone removed it (REGISTER with expiry 0). */
    REMOVED,
    /** It was not refreshed in time. */
    EXPIRED,
    /** An administrator or the server removed it. */
    ADMINISTRATIVE;

    /** The JSON spelling: the lower-case name. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
