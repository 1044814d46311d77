package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** {@code recording.paused}: recording is paused; the file keeps what it has. */
public record RecordingPaused(String tenant, Instant at, CallSnapshot call, String recordingId)
        implements RecordingEvent {
    public RecordingPaused {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(call, "call");
        Identifiers.nonBlank(recordingId, "recordingId");
    }

    @Override
    public EventType type() {
        return EventType.RECORDING_PAUSED;
    }
}
