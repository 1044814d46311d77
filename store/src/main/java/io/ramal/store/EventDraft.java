package io.ramal.store;

import java.util.Objects;
import java.util.Optional;

/**
 * An event not yet in the {@link EventLog}: what happened ({@code type}), the call and device it
 * concerns, and its own fields as one JSON object text. The log adds the id, seq and time.
 *
 * @param payload a JSON object, {@code {...}}; the store does not parse it, it only keeps it
 */
public record EventDraft(String type, Optional<String> callId, Optional<String> device, String payload) {

    public EventDraft {
        Text.requireNonBlank(type, "type");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(payload, "payload");
        String trimmed = payload.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("payload must be a JSON object: " + payload);
        }
    }
}
