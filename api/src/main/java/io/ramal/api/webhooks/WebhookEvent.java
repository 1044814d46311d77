package io.ramal.api.webhooks;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An event of a tenant's event log, as webhooks see it: the envelope ({@code tenant}, {@code seq},
 * {@code id}, {@code ts}, {@code type}) and the event's own JSON fields ({@code call_id},
 * {@code device}, {@code direction}, {@code caller}, {@code callee}, {@code queue},
 * {@code duration}…; see docs/webhooks.md for the ones the Meetip variables read).
 *
 * @param fields JSON-able values: strings, numbers, booleans, null, lists and maps of those; names
 *               of the envelope are not allowed among them
 */
public record WebhookEvent(String tenant, long seq, String id, Instant ts, String type, Map<String, Object> fields) {

    private static final Set<String> ENVELOPE = Set.of("tenant", "seq", "id", "ts", "type");

    public WebhookEvent {
        requireNonBlank(tenant, "tenant");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
        requireNonBlank(id, "id");
        Objects.requireNonNull(ts, "ts");
        requireNonBlank(type, "type");
        // Map.copyOf refuses null values, which are legal JSON: keep them in an unmodifiable copy.
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
        for (String name : copy.keySet()) {
            if (ENVELOPE.contains(Objects.requireNonNull(name, "field name"))) {
                throw new IllegalArgumentException("event field '" + name + "' is reserved for the envelope");
            }
        }
        fields = Collections.unmodifiableMap(copy);
    }

    /**
     * The event from the event log's stored form: the call id and device kept beside the payload
     * (they go back among the fields as {@code call_id} and {@code device}), and the other fields
     * as one JSON object text. Envelope names inside the payload are dropped in favour of the
     * given envelope.
     */
    public static WebhookEvent fromJson(String tenant, long seq, String id, Instant ts, String type,
            Optional<String> callId, Optional<String> device, String payload) {
        Map<String, Object> fields = new LinkedHashMap<>();
        callId.ifPresent(call -> fields.put("call_id", call));
        device.ifPresent(d -> fields.put("device", d));
        Map<String, Object> rest = WebhookJson.readObject(payload);
        rest.keySet().removeAll(ENVELOPE);
        fields.putAll(rest);
        return new WebhookEvent(tenant, seq, id, ts, type, fields);
    }

    /** The event as delivered: {@code {"id","seq","ts","tenant","type",…fields}}. */
    public Map<String, Object> envelope() {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id);
        envelope.put("seq", seq);
        envelope.put("ts", ts.toString());
        envelope.put("tenant", tenant);
        envelope.put("type", type);
        envelope.putAll(fields);
        return envelope;
    }

    private static void requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
