package io.ramal.store;

import java.util.Locale;

/** Where a screen pop claim stands: waiting for its CRM lookup, popped, or given up as too old. */
public enum ScreenPopState {
    PENDING,
    POPPED,
    EXPIRED;

    /** The name stored in the database: {@code pending}, {@code popped}, {@code expired}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ScreenPopState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
