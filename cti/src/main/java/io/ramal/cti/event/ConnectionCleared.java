package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.ReleaseCause;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code connection.cleared}: the party left the call; the party shows state {@code cleared}. Every
 * party ever listed in the call's parties ends with exactly one of these; after the last one the
 * call's state is {@code cleared} and it is gone from snapshots.
 */
public record ConnectionCleared(String tenant, Instant at, PartySnapshot party, CallSnapshot call, ReleaseCause cause)
        implements CallEvent {
    public ConnectionCleared {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public EventType type() {
        return EventType.CONNECTION_CLEARED;
    }

    @Override
    public Map<String, Object> details() {
        return JsonFields.create().put("cause", cause.wire()).build();
    }
}
