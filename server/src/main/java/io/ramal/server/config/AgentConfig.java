package io.ramal.server.config;

import io.ramal.cti.agent.SecondLogin;
import io.ramal.store.AgentPolicySetting;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent session policy of tenants that did not set their own ({@code api.agents.*}); each
 * tenant may replace it through {@code PUT /api/v1/agent-policy}.
 *
 * @param secondLogin  {@code api.agents.second_login}: {@code refuse} or {@code take_over}
 * @param vanishGrace  {@code api.agents.vanish_grace}: how long an agent's client (every event socket)
 *                     and device registration may both be gone
 * @param vanish       {@code api.agents.vanish_action}: {@code logout}, {@code pause} or {@code stay}
 * @param vanishReason {@code api.agents.vanish_reason}: the pause reason id for {@code pause}
 */
public record AgentConfig(SecondLogin secondLogin, Duration vanishGrace, AgentPolicySetting.Vanish vanish,
        Optional<String> vanishReason) {

    /** Refuse second logins; log out after 2 minutes without client and device. */
    public static final AgentConfig DEFAULTS = new AgentConfig(SecondLogin.REFUSE, Duration.ofMinutes(2),
            AgentPolicySetting.Vanish.LOGOUT, Optional.empty());

    public AgentConfig {
        toSetting(secondLogin, vanishGrace, vanish, vanishReason); // validates
    }

    public AgentPolicySetting toSetting() {
        return toSetting(secondLogin, vanishGrace, vanish, vanishReason);
    }

    private static AgentPolicySetting toSetting(SecondLogin secondLogin, Duration vanishGrace,
            AgentPolicySetting.Vanish vanish, Optional<String> vanishReason) {
        if (vanishGrace != null && vanishGrace.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("agents.vanish_grace must be at most 1d");
        }
        try {
            return new AgentPolicySetting(secondLogin, vanishGrace, vanish, vanishReason);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agents.vanish_reason is required with vanish_action pause, and only"
                    + " with it", e);
        }
    }
}
