package io.ramal.cti.fact;

import io.ramal.cti.Endpoint;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The party on this leg transferred the call and left it (its legs in this call, and in the
 * consultation call if any, need no further release facts).
 *
 * <p>Blind transfer ({@code consultCallId} empty): the remaining parties stay in this call and
 * the PBX goes on with a {@link LegCreated} towards {@code target}. Attended transfer: the
 * parties of the consultation call other than the transferring device move into this call
 * (which survives; its call id is kept) with their legs, and the consultation call ends; later
 * facts about the moved legs carry this call's id.
 *
 * @param target where the call went (for an attended transfer, the consulted party)
 * @param consultCallId the consultation call joined into this one, for an attended transfer
 */
public record LegTransferred(
        String tenant, String callId, Instant at, String legId, Endpoint target, Optional<String> consultCallId)
        implements LegFact {
    public LegTransferred {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        Objects.requireNonNull(target, "target");
        Identifiers.nonBlank(consultCallId, "consultCallId");
    }
}
