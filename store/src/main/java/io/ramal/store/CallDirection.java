package io.ramal.store;

import java.util.Locale;

/** Which side of the PBX a call came from and went to. */
public enum CallDirection {
    /** Extension to extension of the same tenant. */
    INTERNAL,
    /** From a trunk to an extension. */
    INBOUND,
    /** From an extension to a trunk. */
    OUTBOUND;

    /** The lower-case name stored in the database and shown in APIs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CallDirection fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
