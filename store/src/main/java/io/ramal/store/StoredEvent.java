package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One event as the {@link EventLog} holds it.
 *
 * @param seq     its place in the tenant's log: 1, 2, 3… without gaps
 * @param id      unique across all tenants
 * @param ts      when it was appended (millisecond precision)
 * @param payload the event's fields as a JSON object text, as appended
 */
public record StoredEvent(
        String tenantId,
        long seq,
        String id,
        Instant ts,
        String type,
        Optional<String> callId,
        Optional<String> device,
        String payload) {

    public StoredEvent {
        Text.requireNonBlank(tenantId, "tenantId");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
        Text.requireNonBlank(id, "id");
        ts = Objects.requireNonNull(ts, "ts").truncatedTo(ChronoUnit.MILLIS);
        Text.requireNonBlank(type, "type");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(payload, "payload");
    }
}
