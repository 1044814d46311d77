package io.ramal.api.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event that is in the durable log: its envelope, and the complete wire frame
 * ({@code {"op":"event","seq":…,…}}) encoded once and shared by every subscriber.
 */
public record JournalEvent(
        String tenant,
        long seq,
        String id,
        Instant ts,
        String type,
        Optional<String> callId,
        Optional<String> device,
        String frame) {

    public JournalEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(frame, "frame");
    }
}
