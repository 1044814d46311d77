package io.ramal.api.webhooks;

import java.util.Locale;
import java.util.Optional;

/**
 * Which way a call goes as seen from the extension an event is about — Meetip's "sentido": an
 * internal call is inbound for the called extension and outbound for the caller.
 */
enum Sense {
    INBOUND("entrante"),
    OUTBOUND("saliente");

    private final String meetip;

    Sense(String meetip) {
        this.meetip = meetip;
    }

    /** The Meetip word: {@code entrante} or {@code saliente}. */
    String meetip() {
        return meetip;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Sense> fromWireName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "inbound" -> Optional.of(INBOUND);
            case "outbound" -> Optional.of(OUTBOUND);
            default -> Optional.empty();
        };
    }
}
