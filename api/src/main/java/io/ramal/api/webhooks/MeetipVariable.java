package io.ramal.api.webhooks;

import java.util.Optional;

/**
 * The variables of a Meetip "web command", written {@code %NAME%} in a template (the
 * {@code %*NAME*%} spelling of Meetip's manual is accepted too). English aliases:
 * {@code %DURATION%}, {@code %STATUS%}, {@code %DIRECTION%}.
 */
enum MeetipVariable {
    /** The other party's number: the caller of an inbound call, the number dialled on an outbound one. */
    CALLER_ID,
    /** The call's duration in whole seconds (set when it hangs up; 0 before). */
    DURACION,
    /** {@code timbre}, {@code descolgado} or {@code colgado}. */
    ESTADO,
    /** {@code entrante} or {@code saliente}. */
    SENTIDO,
    /** The inbound queue's name, when the call came through one. */
    QUEUE_NAME,
    /** The call's id. */
    ID,
    /** The extension the event is about. */
    EXTENSION;

    static Optional<MeetipVariable> named(String name) {
        return switch (name) {
            case "CALLER_ID" -> Optional.of(CALLER_ID);
            case "DURACION", "DURATION" -> Optional.of(DURACION);
            case "ESTADO", "STATUS" -> Optional.of(ESTADO);
            case "SENTIDO", "DIRECTION" -> Optional.of(SENTIDO);
            case "QUEUE_NAME" -> Optional.of(QUEUE_NAME);
            case "ID" -> Optional.of(ID);
            case "EXTENSION" -> Optional.of(EXTENSION);
            default -> Optional.empty();
        };
    }

    /** This variable's value for an event. */
    String valueFor(CallView call) {
        return switch (this) {
            case CALLER_ID -> call.otherParty().orElse("");
            case DURACION -> Long.toString(call.durationSeconds());
            case ESTADO -> call.meetipState();
            case SENTIDO -> call.sense().map(Sense::meetip).orElse("");
            case QUEUE_NAME -> call.queue().orElse("");
            case ID -> call.callId().orElse("");
            case EXTENSION -> call.ownExtension().orElse("");
        };
    }
}
