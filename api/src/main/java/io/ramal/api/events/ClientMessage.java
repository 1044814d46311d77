package io.ramal.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a client may send on an event socket, parsed from its text frame; a bad frame is a {@link Malformed} value. */
sealed interface ClientMessage {

    /** {@code {"op":"auth","token":…}}: first authentication, or renewal of the session's token. */
    record Auth(String token) implements ClientMessage {
        public Auth {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Auth[token=***]";
        }
    }

    /** {@code {"op":"subscribe","resume_from":SEQ,"filters":{…}}}. */
    record Subscribe(Optional<Long> resumeFrom, EventFilter filter) implements ClientMessage {
        public Subscribe {
            Objects.requireNonNull(resumeFrom, "resumeFrom");
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** {@code {"op":"ping"}}: answered with a pong. */
    record Ping() implements ClientMessage {}

    /** {@code {"op":"pong"}}: a client's answer to the server's ping; nothing to do. */
    record Pong() implements ClientMessage {}

    /** Not a message we understand; answered with an error op carrying {@code code}. */
    record Malformed(String code, String message) implements ClientMessage {
        public Malformed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    int MAX_FILTER_ENTRIES = 1_000;

    static ClientMessage parse(String text) {
        JsonNode root;
        try {
            root = EventCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return new Malformed("bad_json", "the message is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return new Malformed("bad_message", "a message must be a JSON object");
        }
        JsonNode op = root.get("op");
        if (op == null || !op.isTextual()) {
            return new Malformed("bad_message", "a message needs an \"op\" string");
        }
        return switch (op.asText().toLowerCase(Locale.ROOT)) {
            case "auth" -> auth(root);
            case "subscribe" -> subscribe(root);
            case "ping" -> new Ping();
            case "pong" -> new Pong();
            default -> new Malformed("unknown_op", "unknown op: " + abbreviate(op.asText()));
        };
    }

    private static ClientMessage auth(JsonNode root) {
        JsonNode token = root.get("token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            return new Malformed("bad_message", "auth needs a \"token\" string");
        }
        return new Auth(token.asText());
    }

    private static ClientMessage subscribe(JsonNode root) {
        Optional<Long> resumeFrom = Optional.empty();
        JsonNode resume = root.get("resume_from");
        if (resume != null && !resume.isNull()) {
            if (!resume.isIntegralNumber() || !resume.canConvertToLong() || resume.asLong() < 0) {
                return new Malformed("bad_subscribe", "resume_from must be a seq (a whole number, 0 or more)");
            }
            resumeFrom = Optional.of(resume.asLong());
        }
        JsonNode filters = root.get("filters");
        if (filters == null || filters.isNull()) {
            return new Subscribe(resumeFrom, EventFilter.ALL);
        }
        if (!filters.isObject()) {
            return new Malformed("bad_subscribe", "filters must be an object");
        }
        for (Iterator<String> names = filters.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("devices", "calls", "types").contains(name)) {
                return new Malformed("bad_subscribe", "unknown filter: " + abbreviate(name)
                        + " (known: devices, calls, types)");
            }
        }
        Optional<Set<String>> devices = strings(filters.get("devices"));
        Optional<Set<String>> calls = strings(filters.get("calls"));
        Optional<Set<String>> types = strings(filters.get("types"));
        if (devices.isEmpty() || calls.isEmpty() || types.isEmpty()) {
            return new Malformed("bad_subscribe",
                    "each filter must be a list of at most " + MAX_FILTER_ENTRIES + " strings");
        }
        return new Subscribe(resumeFrom, new EventFilter(devices.get(), calls.get(), types.get()));
    }

    /** The strings of a JSON array (absent or null: none); empty when it is not a list of strings. */
    private static Optional<Set<String>> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.of(Set.of());
        }
        if (!node.isArray() || node.size() > MAX_FILTER_ENTRIES) {
            return Optional.empty();
        }
        Set<String> values = new HashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            values.add(element.asText());
        }
        return Optional.of(values);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
