package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call.unmuted}: the party is heard again ({@code muted} is false).
 */
public record CallUnmuted(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallUnmuted {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_UNMUTED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
