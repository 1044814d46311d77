package io.ramal.cti.queue;

import java.util.Locale;
import java.util.Objects;

/** Why a queue command was not carried out; {@link Code#wire()} is the API error code. */
public record QueueRefusal(Code code, String message) {
    public enum Code {
        /** No queue of that name in the tenant. */
        QUEUE_NOT_FOUND,
        /** The agent is not a member of the queue. */
        NOT_A_MEMBER,
        /** Callers wait in the queue (it cannot be deleted now). */
        QUEUE_NOT_EMPTY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public QueueRefusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
