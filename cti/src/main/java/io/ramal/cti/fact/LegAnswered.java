package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The leg was answered (a 2xx from the phone or trunk). For the originating leg of a click-to-call:
 * the caller's own device picked up.
 */
public record LegAnswered(String tenant, String callId, Instant at, String legId) implements LegFact {
    public LegAnswered {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
    }
}
