package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call.originated}: a call was placed; the party is the caller (a device in state {@code
 * initiated}, or the external number of an inbound call).
 */
public record CallOriginated(String tenant, Instant at, PartySnapshot party, CallSnapshot call) implements CallEvent {
    public CallOriginated {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_ORIGINATED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of();
    }
}
