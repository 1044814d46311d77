package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** {@code recording.started}: recording of the call began under a new recording id. */
public record RecordingStarted(String tenant, Instant at, CallSnapshot call, String recordingId)
        implements RecordingEvent {
    public RecordingStarted {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(call, "call");
        Identifiers.nonBlank(recordingId, "recordingId");
    }

    @Override
    public EventType type() {
        return EventType.RECORDING_STARTED;
    }
}
