package io.ramal.cti.agent;

import java.util.Locale;
import java.util.Objects;

/** Why an agent command was not carried out; {@link Code#wire()} is the API error code. */
public record AgentRefusal(Code code, String message) {
    public enum Code {
        /** The agent has a session and the tenant refuses second logins. */
        AGENT_ALREADY_LOGGED_IN,
        /** Another agent is logged in on the device. */
        DEVICE_IN_USE,
        /** The agent has no session. */
        NOT_LOGGED_IN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AgentRefusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
