package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.Identifiers;
import io.ramal.cti.JsonFields;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.QueueOffer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code call.delivered}: the call rings at the party (state {@code alerting}); the moment for a
 * screen pop. Forked ringing to several contacts of one device gives one event. A queue's offer to an
 * agent's device carries the queue and the caller's wait.
 */
public record CallDelivered(String tenant, Instant at, PartySnapshot party, CallSnapshot call,
        Optional<QueueOffer> queue) implements CallEvent {
    /** A ringing no queue offered. */
    public CallDelivered(String tenant, Instant at, PartySnapshot party, CallSnapshot call) {
        this(tenant, at, party, call, Optional.empty());
    }

    public CallDelivered {
        Identifiers.nonBlank(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(queue, "queue");
    }

    @Override
    public EventType type() {
        return EventType.CALL_DELIVERED;
    }

    /** {@code {queue}}: the offering queue's {@code {name, wait_s}}, or null when no queue offered the call. */
    @Override
    public Map<String, Object> details() {
        return JsonFields.create().put("queue", queue.map(QueueOffer::toJson)).build();
    }
}
