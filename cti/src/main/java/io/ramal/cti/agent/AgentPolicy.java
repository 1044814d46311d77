package io.ramal.cti.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * A tenant's rules for agent sessions.
 *
 * @param secondLogin what a login of an agent that already has a session does
 * @param vanishGrace how long an agent's client (every event socket) and device registration may both be
 *                    gone before {@code onVanish} applies
 * @param onVanish    what happens then
 */
public record AgentPolicy(SecondLogin secondLogin, Duration vanishGrace, VanishAction onVanish) {

    /** Refuse a second login; log the agent out after 2 minutes without client and device. */
    public static final AgentPolicy DEFAULT = new AgentPolicy(SecondLogin.REFUSE, Duration.ofMinutes(2),
            new VanishAction.LogOut());

    public AgentPolicy {
        Objects.requireNonNull(secondLogin, "secondLogin");
        Objects.requireNonNull(vanishGrace, "vanishGrace");
        Objects.requireNonNull(onVanish, "onVanish");
        if (vanishGrace.isNegative()) {
            throw new IllegalArgumentException("vanishGrace must not be negative: " + vanishGrace);
        }
    }
}
