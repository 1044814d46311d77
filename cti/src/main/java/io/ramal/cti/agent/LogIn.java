package io.ramal.cti.agent;

import io.ramal.cti.Identifiers;
import java.util.List;
import java.util.Objects;

/**
 * A login of {@code agentId} on {@code device} (already resolved from the logon: extension,
 * position or IP), offering it {@code reasons}; {@code clientConnected} says whether the agent has an
 * event socket open now; {@code actor} is who asked (the agent itself or a supervisor).
 */
public record LogIn(
        String agentId,
        String username,
        String device,
        Interval.Logon logon,
        List<PauseReason> reasons,
        boolean clientConnected,
        String actor) {

    public LogIn {
        Identifiers.nonBlank(agentId, "agentId");
        Identifiers.nonBlank(username, "username");
        Identifiers.nonBlank(device, "device");
        Objects.requireNonNull(logon, "logon");
        reasons = List.copyOf(reasons);
        Identifiers.nonBlank(actor, "actor");
    }
}
