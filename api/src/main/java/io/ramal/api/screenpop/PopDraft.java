package io.ramal.api.screenpop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a screen pop says before the CRM lookup: which call rings which agent, and what is known of
 * the call then — the caller's number and name, the direction, the number dialled, and the queue
 * and campaign the call came through, when it came through one. Kept as JSON in the pop's claim
 * between the ringing and the pop.
 *
 * @param extension the extension that rings (the pop's {@code device})
 * @param user      the agent: the one logged in at the extension, else a user bound to it; empty when no agent
 *                  answers the extension
 * @param queue     the queue the call came through ({@code name}, and whatever else the queue event gives)
 * @param campaign  the campaign the call belongs to
 * @param deliveredSeq the seq of the {@code call.delivered} event that rang the agent
 */
record PopDraft(
        String callId,
        String extension,
        Optional<Agent> user,
        String direction,
        String callerNumber,
        Optional<String> callerName,
        String calleeNumber,
        Optional<String> calleeName,
        Optional<Map<String, Object>> queue,
        Optional<Map<String, Object>> campaign,
        long deliveredSeq) {

    static final String EVENT_TYPE = "screen_pop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    /** A user an extension rings for. */
    record Agent(String id, String username) {
        Agent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
        }
    }

    PopDraft {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(callerNumber, "callerNumber");
        Objects.requireNonNull(callerName, "callerName");
        Objects.requireNonNull(calleeNumber, "calleeNumber");
        Objects.requireNonNull(calleeName, "calleeName");
        queue = Objects.requireNonNull(queue, "queue").map(PopDraft::copy);
        campaign = Objects.requireNonNull(campaign, "campaign").map(PopDraft::copy);
    }

    /**
     * The ringing in a {@code call.delivered} event (its call id, device and stored fields), without
     * an agent yet; empty when what rings is not an extension of the tenant (an external number) or
     * the event lacks what a pop needs.
     */
    static Optional<PopDraft> ringing(Optional<String> callId, Optional<String> device, long seq,
            Map<String, Object> fields) {
        if (callId.isEmpty() || device.isEmpty()) {
            return Optional.empty();
        }
        if (fields.get("data") instanceof Map<?, ?> data && data.get("party") instanceof Map<?, ?> party
                && Boolean.TRUE.equals(party.get("external"))) {
            return Optional.empty();
        }
        return Optional.of(new PopDraft(callId.get(), device.get(), Optional.empty(),
                text(fields.get("direction")).orElse(""),
                text(fields.get("caller_number")).orElse(""),
                text(fields.get("caller_name")),
                text(fields.get("callee_number")).orElse(""),
                text(fields.get("callee_name")),
                named(fields.get("queue")).or(() -> offeringQueue(fields)),
                object(fields.get("campaign")).or(() -> object(callField(fields, "campaign"))),
                seq));
    }

    PopDraft forAgent(Optional<Agent> agent) {
        return new PopDraft(callId, extension, agent, direction, callerNumber, callerName, calleeNumber, calleeName,
                queue, campaign, deliveredSeq);
    }

    /**
     * Who the pop is for, as the claim's key: the user's id, or {@code extension:<number>} when no
     * agent answers the extension.
     */
    String agentKey() {
        return user.map(Agent::id).orElse("extension:" + extension);
    }

    /**
     * The {@code screen_pop} event's fields (besides {@code call_id} and {@code device}, which the
     * event carries as its call and device): this draft and the lookup's outcome, if a lookup is
     * configured.
     */
    Map<String, Object> fields(Optional<Lookup> lookup) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", user.map(a -> (Object) ordered("id", a.id(), "username", a.username())).orElse(null));
        fields.put("direction", direction);
        fields.put("caller_number", callerNumber);
        fields.put("caller_name", callerName.orElse(null));
        fields.put("callee_number", calleeNumber);
        fields.put("callee_name", calleeName.orElse(null));
        fields.put("queue", queue.orElse(null));
        fields.put("campaign", campaign.orElse(null));
        fields.put("contact", lookup.flatMap(Lookup::contact).orElse(null));
        fields.put("lookup", lookup.map(Lookup::toJson).orElse(null));
        fields.put("delivered_seq", deliveredSeq);
        return fields;
    }

    /** The pop as an event as webhooks and templates see it: type, call, device and the fields. */
    Map<String, Object> asEvent(String tenant) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", EVENT_TYPE);
        event.put("tenant", tenant);
        event.put("call_id", callId);
        event.put("device", extension);
        event.putAll(fields(Optional.empty()));
        return event;
    }

    String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("call_id", callId);
        json.put("extension", extension);
        user.ifPresent(a -> json.put("user", ordered("id", a.id(), "username", a.username())));
        json.put("direction", direction);
        json.put("caller_number", callerNumber);
        callerName.ifPresent(n -> json.put("caller_name", n));
        json.put("callee_number", calleeNumber);
        calleeName.ifPresent(n -> json.put("callee_name", n));
        queue.ifPresent(q -> json.put("queue", q));
        campaign.ifPresent(c -> json.put("campaign", c));
        json.put("delivered_seq", deliveredSeq);
        return write(json);
    }

    /** Reads {@link #toJson()}; {@link IllegalArgumentException} if the text is damaged. */
    static PopDraft fromJson(String text) {
        Map<String, Object> json = readObject(text);
        Optional<Agent> user = json.get("user") instanceof Map<?, ?> u
                ? Optional.of(new Agent(String.valueOf(u.get("id")), String.valueOf(u.get("username"))))
                : Optional.empty();
        if (!(json.get("delivered_seq") instanceof Number seq)) {
            throw new IllegalArgumentException("damaged screen pop draft: no delivered_seq");
        }
        return new PopDraft(
                text(json.get("call_id")).orElseThrow(() -> new IllegalArgumentException("damaged draft: no call_id")),
                text(json.get("extension")).orElseThrow(() -> new IllegalArgumentException("damaged draft: no extension")),
                user,
                text(json.get("direction")).orElse(""),
                text(json.get("caller_number")).orElse(""),
                text(json.get("caller_name")),
                text(json.get("callee_number")).orElse(""),
                text(json.get("callee_name")),
                object(json.get("queue")),
                object(json.get("campaign")),
                seq.longValue());
    }

    static Map<String, Object> readObject(String text) {
        try {
            Map<String, Object> map = JSON.readValue(text, OBJECT);
            if (map == null) {
                throw new IllegalArgumentException("not a JSON object: null");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /**
     * The queue of a CTI {@code call.delivered}: its {@code data.queue} ({@code {name, wait_s}}) for a
     * queue's offer, else the call's {@code queue} (a name), if any.
     */
    private static Optional<Map<String, Object>> offeringQueue(Map<String, Object> fields) {
        Optional<Map<String, Object>> offer = fields.get("data") instanceof Map<?, ?> data
                ? object(data.get("queue")) : Optional.empty();
        return offer.or(() -> named(callField(fields, "queue")));
    }

    /** A field of the CTI event's {@code call} object, or null. */
    private static Object callField(Map<String, Object> fields, String name) {
        return fields.get("call") instanceof Map<?, ?> call ? call.get(name) : null;
    }

    /** A queue given as its name or as an object with one. */
    private static Optional<Map<String, Object>> named(Object value) {
        if (value instanceof String name && !name.isEmpty()) {
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("name", name);
            return Optional.of(queue);
        }
        return object(value);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> object(Object value) {
        return value instanceof Map<?, ?> map && !map.isEmpty() ? Optional.of(copy((Map<String, Object>) map))
                : Optional.empty();
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static Optional<String> text(Object value) {
        return switch (value) {
            case String s when !s.isEmpty() -> Optional.of(s);
            case Number n -> Optional.of(n.toString());
            case null, default -> Optional.empty();
        };
    }
}
