package io.ramal.api.supervision;

import io.ramal.cti.control.CommandResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The PBX side of supervision, as the routes use it: start, switch mode, stop. Refusals use the
 * CTI refusal codes, so they answer in HTTP like every other call command.
 */
public interface SupervisionControl {

    /** Calls {@code supervisorDevice}, which takes part in call {@code callId} as {@code mode} once it answers. */
    record Start(String tenant, String callId, String supervisionId, String supervisorDevice, String mode,
            Optional<String> agent, boolean notifyAgent) {
        public Start {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(supervisionId, "supervisionId");
            Objects.requireNonNull(supervisorDevice, "supervisorDevice");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(agent, "agent");
        }
    }

    CommandResult start(Start start);

    /** Switches the call's supervision to {@code mode} ({@code agent}: a new one, or keep the current). */
    CommandResult change(String tenant, String callId, String mode, Optional<String> agent);

    /** Ends the call's supervision. */
    CommandResult stop(String tenant, String callId);
}
