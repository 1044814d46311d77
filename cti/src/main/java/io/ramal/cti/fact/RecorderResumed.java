package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** The recorder writes again into the same recording. */
public record RecorderResumed(String tenant, String callId, Instant at, String recordingId) implements RecorderFact {
    public RecorderResumed {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(recordingId, "recordingId");
    }
}
