package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/** Ramal stopped passing on what the party on this leg says (server-side mute); it still hears. */
public record LegMuted(String tenant, String callId, Instant at, String legId) implements LegFact {
    public LegMuted {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
    }
}
