package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** The recorder began writing the call's audio under a new recording id. */
public record RecorderStarted(String tenant, String callId, Instant at, String recordingId) implements RecorderFact {
    public RecorderStarted {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(recordingId, "recordingId");
    }
}
