package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** The recorder finished the recording; its file is complete. */
public record RecorderStopped(String tenant, String callId, Instant at, String recordingId) implements RecorderFact {
    public RecorderStopped {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(recordingId, "recordingId");
    }
}
