package io.ramal.cti;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the ordered JSON object of an event or snapshot without a JSON library. Values must be
 * JSON-able: String, Number, Boolean, List, Map or null; an {@link Instant} becomes its ISO-8601
 * text and an {@link Optional} its content or null. Anything else is refused, so a value that a
 * serializer could not write never leaves this module.
 */
public final class JsonFields {
    private LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    /** Whether {@link #build} handed out a view of {@link #fields}: the next change copies them first. */
    private boolean shared;

    private JsonFields() {}

    /** An empty object. */
    public static JsonFields create() {
        return new JsonFields();
    }

    /** Adds (or replaces) one field. */
    public JsonFields put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Object normalized = normalize(value);
        if (shared) {
            fields = new LinkedHashMap<>(fields);
            shared = false;
        }
        fields.put(key, normalized);
        return this;
    }

    /** Adds every field of an already built object, in its order. */
    public JsonFields putAll(Map<String, Object> other) {
        other.forEach(this::put);
        return this;
    }

    /**
     * The fields in insertion order, unmodifiable; null values are kept. Built objects are made
     * for every event and snapshot, so this hands out a view instead of a copy; a later
     * {@link #put} copies first, and what was built never changes.
     */
    public Map<String, Object> build() {
        shared = true;
        return Collections.unmodifiableMap(fields);
    }

    private static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return normalize(optional.orElse(null));
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof List<?> || value instanceof Map<?, ?>) {
            return value;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
}
