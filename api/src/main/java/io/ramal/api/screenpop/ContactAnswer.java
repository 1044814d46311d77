package io.ramal.api.screenpop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Reads a CRM's answer to a lookup:
 * <ul>
 *   <li>2xx with a JSON object: the contact (an empty object: not found);
 *   <li>2xx with a JSON list: its first element, which must be an object (an empty list: not found);
 *   <li>2xx with no body, {@code null}, 204 or 404: not found;
 *   <li>any other status, or a 2xx body that is not JSON: failed.
 * </ul>
 */
final class ContactAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContactAnswer() {}

    static LookupResult read(int status, byte[] body) {
        if (status == 404 || status == 204) {
            return new LookupResult.NotFound();
        }
        if (status < 200 || status > 299) {
            return new LookupResult.Failed("the CRM answered " + status);
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new LookupResult.NotFound();
        }
        Object value;
        try {
            value = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return new LookupResult.Failed("the CRM answered " + status + " with a body that is not JSON");
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return new LookupResult.NotFound();
            }
            value = list.getFirst();
        }
        return switch (value) {
            case null -> new LookupResult.NotFound();
            case Map<?, ?> map when map.isEmpty() -> new LookupResult.NotFound();
            case Map<?, ?> map -> new LookupResult.Found(contact(map));
            default -> new LookupResult.Failed("the CRM answered " + status + " with JSON that is not an object");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contact(Map<?, ?> map) {
        return (Map<String, Object>) map; // Jackson reads object keys as strings
    }
}
