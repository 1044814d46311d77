package io.ramal.cti.control;

import io.ramal.cti.Identifiers;
import java.util.Objects;

/**
 * What the PBX answers to a command: accepted (the work has started; events report how it goes)
 * or refused.
 */
public sealed interface CommandResult {
    /**
     * The PBX took the command on.
     *
     * @param callId the call it acts on; for an originate or consult, the new call's id
     */
    record Accepted(String callId) implements CommandResult {
        public Accepted {
            Identifiers.nonBlank(callId, "callId");
        }
    }

    /** The PBX (or the core's check) refused the command. */
    record Refused(Refusal refusal) implements CommandResult {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    static CommandResult accepted(String callId) {
        return new Accepted(callId);
    }

    static CommandResult refused(RefusalCode code, String message) {
        return new Refused(new Refusal(code, message));
    }
}
