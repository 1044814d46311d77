package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code call.conferenced}: the party made the call a conference ({@code call.conference} is
 * true); with {@code mergedCallId}, the parties of that call joined this one, and that call ends
 * with its own {@code connection.cleared} events (cause {@code conferenced}).
 */
public record CallConferenced(
        String tenant, Instant at, PartySnapshot party, CallSnapshot call, Optional<String> mergedCallId)
        implements CallEvent {
    public CallConferenced {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
        Identifiers.nonBlank(mergedCallId, "mergedCallId");
    }

    @Override
    public EventType type() {
        return EventType.CALL_CONFERENCED;
    }

    @Override
    public Map<String, Object> details() {
        return JsonFields.create().put("merged_call_id", mergedCallId).build();
    }
}
