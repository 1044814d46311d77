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
 * {@code call.failed}: the attempt to reach the party failed (busy, no answer, rejected,
 * unreachable…): the party shows state {@code failed}, and its {@code connection.cleared} follows. A
 * call that fails before reaching anyone reports it for the caller.
 */
public record CallFailed(String tenant, Instant at, PartySnapshot party, CallSnapshot call, ReleaseCause cause)
        implements CallEvent {
    public CallFailed {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public EventType type() {
        return EventType.CALL_FAILED;
    }

    @Override
    public Map<String, Object> details() {
        return JsonFields.create().put("cause", cause.wire()).build();
    }
}
