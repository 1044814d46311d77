package io.ramal.cti;

import java.util.Locale;

/** Which way a call crosses the tenant's edge, as decided by the PBX's dial plan. */
public enum Direction {
    /** Between two devices of the tenant. */
    INTERNAL,
    /** From an external number (a trunk, usually a DID) into the tenant. */
    INBOUND,
    /** From a device of the tenant to an external number. */
    OUTBOUND;

    /** The JSON spelling: {@code internal}, {@code inbound}, {@code outbound}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
