package io.ramal.cti.agent;

import java.util.Locale;
import java.util.Optional;

/** What an agent was doing during an interval of the ledger. */
public enum IntervalState {
    AVAILABLE,
    PAUSED,
    LOGGED_OUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IntervalState> fromWire(String text) {
        for (IntervalState value : values()) {
            if (value.wire().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
