package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call.muted}: Ramal stopped passing on what the party says (server-side mute; {@code muted}
 * is true). The party still hears the call.
 */
public record CallMuted(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallMuted {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_MUTED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
