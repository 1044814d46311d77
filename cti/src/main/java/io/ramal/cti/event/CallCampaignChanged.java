package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code call.campaign_changed}: dialer campaign fields were attached to the call, changed or taken
 * off ({@code call.campaign} shows them; CSTA's call information event). No party's state changes, so
 * the event has no device.
 */
public record CallCampaignChanged(String tenant, Instant at, CallSnapshot call) implements CtiEvent {
    public CallCampaignChanged {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(call, "call");
    }

    @Override
    public EventType type() {
        return EventType.CALL_CAMPAIGN_CHANGED;
    }

    @Override
    public Optional<String> callId() {
        return Optional.of(call.callId());
    }

    @Override
    public Optional<String> device() {
        return Optional.empty();
    }

    /** {@code {campaign}}: the fields now, or null when they were taken off. */
    @Override
    public Map<String, Object> data() {
        return JsonFields.create().put("campaign", call.campaign().toJson()).build();
    }
}
