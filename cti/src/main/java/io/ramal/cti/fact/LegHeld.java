package io.ramal.cti.fact;

import io.ramal.cti.HoldOrigin;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The party on this leg put the call on hold: from its phone ({@link HoldOrigin#DEVICE}) or
 * through a command the PBX carried out ({@link HoldOrigin#SERVER}).
 */
public record LegHeld(String tenant, String callId, Instant at, String legId, HoldOrigin origin) implements LegFact {
    public LegHeld {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        Objects.requireNonNull(origin, "origin");
    }
}
