package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.DiversionReason;
import io.ramal.cti.Endpoint;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@code call.diverted}: the call offered to the party went to {@code target} instead
 * (forwarded, picked up, deflected). If the party was visible (it rang), its
 * {@code connection.cleared} with cause {@code diverted} follows; the new destination appears
 * with its own {@code call.delivered}.
 */
public record CallDiverted(
        String tenant, Instant at, PartySnapshot party, CallSnapshot call, Endpoint target, DiversionReason reason)
        implements CallEvent {
    public CallDiverted {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public EventType type() {
        return EventType.CALL_DIVERTED;
    }

    @Override
    public Map<String, Object> details() {
        return JsonFields.create()
                .put("diverted_to", target.number())
                .put("diverted_to_external", target.external())
                .put("reason", reason.wire())
                .build();
    }
}
