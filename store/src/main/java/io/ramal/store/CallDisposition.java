package io.ramal.store;

import java.util.Locale;

/** How a call ended, from the caller's point of view. */
public enum CallDisposition {
    ANSWERED,
    BUSY,
    NO_ANSWER,
    FAILED,
    CANCELLED;

    /** The name stored in the database and shown in APIs: lower case, words joined by '-'. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CallDisposition fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
