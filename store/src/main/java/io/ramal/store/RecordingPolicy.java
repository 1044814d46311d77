package io.ramal.store;

import java.util.Locale;

/** Whether a tenant's or extension's calls are recorded without anyone asking. */
public enum RecordingPolicy {
    /** Every answered call is recorded from the moment it is answered. */
    ALWAYS,
    /** Never recorded, not even on request; beats {@link #ALWAYS} of another party. */
    NEVER,
    /** Recorded when the API asks. */
    ON_DEMAND;

    /** The lower-case name stored in the database: {@code always}, {@code never}, {@code on_demand}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordingPolicy fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
