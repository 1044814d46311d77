package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The party on this leg made the call a conference: the media is now mixed for every party.
 * With {@code mergedCallId}, the parties of that other call (other than this leg's device) moved
 * into this call with their legs and the other call ended; the conferencing party, if it was
 * holding, is back in the conversation.
 *
 * @param mergedCallId the call merged into this one, if two calls were joined
 */
public record LegConferenced(String tenant, String callId, Instant at, String legId, Optional<String> mergedCallId)
        implements LegFact {
    public LegConferenced {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        Identifiers.nonBlank(mergedCallId, "mergedCallId");
    }
}
