package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call.delivered}: the call rings at the party (state {@code alerting}); the moment for a
 * screen pop. Forked ringing to several contacts of one device gives one event.
 */
public record CallDelivered(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallDelivered {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_DELIVERED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
