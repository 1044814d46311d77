package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** {@code call.dtmf}: the party sent a DTMF digit. The call's version does not change. */
public record CallDtmfReceived(String tenant, Instant at, PartySnapshot party, CallSnapshot call, char digit)
        implements CallEvent {
    public CallDtmfReceived {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_DTMF;
    }

    @Override
    public Map<String, Object> details() {
        return JsonFields.create().put("digit", String.valueOf(digit)).build();
    }
}
