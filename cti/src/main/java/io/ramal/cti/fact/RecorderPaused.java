package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** The recorder stopped writing for now (the file keeps what it has). */
public record RecorderPaused(String tenant, String callId, Instant at, String recordingId) implements RecorderFact {
    public RecorderPaused {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(recordingId, "recordingId");
    }
}
