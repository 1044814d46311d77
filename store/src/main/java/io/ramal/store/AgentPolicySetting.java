package io.ramal.store;

import io.ramal.cti.agent.SecondLogin;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's agent session policy as stored: the pause reason of {@link Vanish#PAUSE} is kept by
 * id (the catalogue may change; a missing reason means the agent stays as it is).
 */
public record AgentPolicySetting(SecondLogin secondLogin, Duration vanishGrace, Vanish vanish,
        Optional<String> vanishReasonId) {

    /** What happens to an agent whose client and device vanished. */
    public enum Vanish {
        LOGOUT, PAUSE, STAY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Vanish> fromWire(String text) {
            for (Vanish value : values()) {
                if (value.wire().equals(text)) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }
    }

    public AgentPolicySetting {
        Objects.requireNonNull(secondLogin, "secondLogin");
        Objects.requireNonNull(vanishGrace, "vanishGrace");
        Objects.requireNonNull(vanish, "vanish");
        Objects.requireNonNull(vanishReasonId, "vanishReasonId");
        if (vanishGrace.isNegative()) {
            throw new IllegalArgumentException("vanishGrace must not be negative");
        }
        if ((vanish == Vanish.PAUSE) != vanishReasonId.isPresent()) {
            throw new IllegalArgumentException("a reason goes with pause, and only with pause");
        }
    }
}
