package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** {@code recording.stopped}: the recording is complete and can be downloaded by its id. */
public record RecordingStopped(String tenant, Instant at, CallSnapshot call, String recordingId)
        implements RecordingEvent {
    public RecordingStopped {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(call, "call");
        Identifiers.nonBlank(recordingId, "recordingId");
    }

    @Override
    public EventType type() {
        return EventType.RECORDING_STOPPED;
    }
}
