package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** {@code call.held}: the party put the call on hold (state {@code held}). */
public record CallHeld(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallHeld {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_HELD;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
