package io.ramal.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ramal.store.EventDraft;
import io.ramal.store.StoredEvent;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON for the event stream: an event's fields into the stored payload, a stored event into its
 * wire frame, and the server's other ops. The envelope names ({@link #RESERVED}) belong to the
 * stream, never to an event's fields.
 */
final class EventCodec {

    /** Field names an event may not carry itself. */
    static final Set<String> RESERVED = Set.of("op", "id", "seq", "ts", "tenant", "type");

    static final String CALL_ID = "call_id";
    static final String DEVICE = "device";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private EventCodec() {}

    static ObjectMapper mapper() {
        return JSON;
    }

    /** The store's draft of a new event: call and device lifted out of the fields, the rest as JSON. */
    static EventDraft draft(NewEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>(event.fields());
        for (String name : fields.keySet()) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("event field '" + name + "' is reserved for the envelope");
            }
        }
        Optional<String> callId = lift(fields, CALL_ID, event.callId());
        Optional<String> device = lift(fields, DEVICE, event.device());
        return new EventDraft(event.type(), callId, device, write(fields));
    }

    /** {@code {"op":"event","seq":…,"id":…,"ts":…,"tenant":…,"type":…,"call_id":…,"device":…,…fields}}. */
    static JournalEvent journalEvent(StoredEvent stored) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("op", "event");
        envelope.put("seq", stored.seq());
        envelope.put("id", stored.id());
        envelope.put("ts", timestamp(stored.ts()));
        envelope.put("tenant", stored.tenantId());
        envelope.put("type", stored.type());
        stored.callId().ifPresent(callId -> envelope.put(CALL_ID, callId));
        stored.device().ifPresent(device -> envelope.put(DEVICE, device));
        String head = write(envelope);
        String payload = stored.payload().strip();
        String fields = payload.substring(1, payload.length() - 1).strip();
        String frame = fields.isEmpty()
                ? head
                : head.substring(0, head.length() - 1) + "," + fields + "}";
        return new JournalEvent(stored.tenantId(), stored.seq(), stored.id(), stored.ts(), stored.type(),
                stored.callId(), stored.device(), frame);
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Any JSON-able value as compact JSON text. */
    static String write(Object value) {
        try {
            return CompactJson.write(value, JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<String> lift(Map<String, Object> fields, String name, Optional<String> given) {
        if (!fields.containsKey(name)) {
            return given;
        }
        Object value = fields.remove(name);
        if (value == null) {
            return given;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("event field '" + name + "' must be a string");
        }
        if (given.isPresent() && !given.get().equals(text)) {
            throw new IllegalArgumentException(
                    "event field '" + name + "' (" + text + ") disagrees with the event's " + given.get());
        }
        return Optional.of(text);
    }
}
