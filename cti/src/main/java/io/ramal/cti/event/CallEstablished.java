package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call.established}: the party answered (state {@code connected}). On the first answer the
 * caller becomes {@code connected} too; a click-to-call gives one for the caller's own device first.
 */
public record CallEstablished(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallEstablished {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_ESTABLISHED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
