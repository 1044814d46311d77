package io.ramal.store;

import java.util.Locale;

/** How the PBX reaches a trunk's host. */
public enum TrunkTransport {
    UDP,
    TCP,
    TLS;

    /** The lower-case name stored in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TrunkTransport fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
