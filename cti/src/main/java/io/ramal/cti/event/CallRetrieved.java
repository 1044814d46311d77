package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** {@code call.retrieved}: the party took the call off hold (state {@code connected}). */
public record CallRetrieved(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallRetrieved {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_RETRIEVED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
