package io.ramal.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON codec of the webhook package: event payloads, stored selectors and headers, API bodies. */
final class WebhookJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private WebhookJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-able: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON object text as an ordered map; {@link IllegalArgumentException} if it is not one. */
    static Map<String, Object> readObject(String json) {
        try {
            Map<String, Object> map = MAPPER.readValue(json, OBJECT);
            if (map == null) {
                throw new IllegalArgumentException("not a JSON object: null");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** The characters of a JSON string literal for {@code text}, without the surrounding quotes. */
    static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** A value as template text: strings as they are, null as nothing, containers as JSON. */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case String s -> s;
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> write(value);
        };
    }
}
