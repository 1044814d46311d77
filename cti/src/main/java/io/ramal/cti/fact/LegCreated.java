package io.ramal.cti.fact;

import io.ramal.cti.Endpoint;
import io.ramal.cti.Identifiers;
import io.ramal.cti.QueueOffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The PBX started a leg towards an endpoint: an INVITE to one registered contact of a device,
 * or to a trunk for an external number. Legs to the same endpoint of a call that is still
 * ringing there are one party (forked ringing); no event is emitted until the leg rings.
 *
 * @param target the device or external number the leg tries to reach
 * @param name its display name, if known
 * @param offer the queue whose offer the leg is, when a queue rings the device for a waiting caller
 */
public record LegCreated(String tenant, String callId, Instant at, String legId, Endpoint target, Optional<String> name,
        Optional<QueueOffer> offer) implements CallFact {
    /** A leg no queue offered. */
    public LegCreated(String tenant, String callId, Instant at, String legId, Endpoint target, Optional<String> name) {
        this(tenant, callId, at, legId, target, name, Optional.empty());
    }

    public LegCreated {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        Objects.requireNonNull(target, "target");
        Identifiers.nonBlank(name, "name");
        Objects.requireNonNull(offer, "offer");
    }
}
