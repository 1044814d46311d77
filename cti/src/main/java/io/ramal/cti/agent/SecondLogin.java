package io.ramal.cti.agent;

import java.util.Locale;
import java.util.Optional;

/** What a login does when the agent already has a session (a tenant's policy). */
public enum SecondLogin {
    /** Refused: the first session goes on ({@code agent_already_logged_in}). */
    REFUSE,
    /** The first session ends ({@code agent.logged_out}, cause {@code taken_over}) and the new one starts. */
    TAKE_OVER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SecondLogin> fromWire(String text) {
        for (SecondLogin value : values()) {
            if (value.wire().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
