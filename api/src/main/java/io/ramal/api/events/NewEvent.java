package io.ramal.api.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event to append to the {@link EventJournal}: its type ({@code call.delivered}…), the call and
 * device it concerns, and its own fields (JSON-able values: strings, numbers, booleans, null,
 * lists and maps of those). The journal adds {@code id}, {@code seq}, {@code ts} and
 * {@code tenant}; fields must not use those names, nor {@code op} or {@code type}. A
 * {@code call_id} or {@code device} field is taken as the call or device (and must agree with
 * the one given, if any).
 */
public record NewEvent(String type, Optional<String> callId, Optional<String> device, Map<String, Object> fields) {

    public NewEvent {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(device, "device");
        // Map.copyOf refuses null values, which are legal JSON: keep them in an unmodifiable copy.
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }

    /** An event with neither call nor device (or with them among the fields). */
    public static NewEvent of(String type, Map<String, Object> fields) {
        return new NewEvent(type, Optional.empty(), Optional.empty(), fields);
    }
}
