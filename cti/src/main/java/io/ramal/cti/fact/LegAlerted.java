package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The leg rings at its endpoint (a 180 or 183 from the phone or trunk). For the originating leg of a
 * click-to-call: the caller's own device rings.
 */
public record LegAlerted(String tenant, String callId, Instant at, String legId) implements LegFact {
    public LegAlerted {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
    }
}
