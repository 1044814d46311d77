package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** The party on this leg is heard again after a {@link LegMuted}. */
public record LegUnmuted(String tenant, String callId, Instant at, String legId) implements LegFact {
    public LegUnmuted {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
    }
}
