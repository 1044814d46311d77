package io.ramal.cti.queue;

import io.ramal.cti.agent.AgentView;
import io.ramal.cti.agent.DeviceLines;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the distributor reads about agents when it decides: each agent's session and state from the
 * agent roster (logged in on which device, available or in which pause reason) and whether a device is
 * on a call. Read on the tenant's lane, at the moment of the decision.
 */
public interface AgentStates {
    /** Nobody is logged in. */
    AgentStates NONE = of(id -> Optional.empty(), DeviceLines.NONE);

    /** The agent as the roster knows it now, if it knows it. */
    Optional<AgentView> agent(String agentId);

    /** The device is a party of a live call (ringing, talking, holding or dialling). */
    boolean inCall(String device);

    /** The roster's views ({@code AgentRoster::agent}) and the switchboard's lines. */
    static AgentStates of(Function<String, Optional<AgentView>> agents, DeviceLines lines) {
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(lines, "lines");
        return new AgentStates() {
            @Override
            public Optional<AgentView> agent(String agentId) {
                return agents.apply(agentId);
            }

            @Override
            public boolean inCall(String device) {
                return lines.inCall(device);
            }
        };
    }
}
