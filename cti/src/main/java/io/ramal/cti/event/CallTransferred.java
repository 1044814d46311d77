package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Endpoint;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code call.transferred}: the party (the transferring device) sent the call to {@code target}
 * and is leaving it; its {@code connection.cleared} with cause {@code transferred} follows. For an
 * attended transfer the consulted parties are already in {@code call}, and the consultation call
 * ends with its own {@code connection.cleared} events.
 */
public record CallTransferred(
        String tenant, Instant at, PartySnapshot party, CallSnapshot call, Endpoint target,
        Optional<String> consultCallId) implements CallEvent {
    public CallTransferred {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        Identifiers.nonBlank(consultCallId, "consultCallId");
    }

    @Override
    public EventType type() {
        return EventType.CALL_TRANSFERRED;
    }

    /** {@code blind} or {@code attended}. */
    public String kind() {
        return consultCallId.isPresent() ? "attended" : "blind";
    }

    @Override
    public Map<String, Object> details() {
        return JsonFields.create()
                .put("kind", kind())
                .put("transferred_to", target.number())
                .put("transferred_to_external", target.external())
                .put("consult_call_id", consultCallId)
                .build();
    }
}
