package io.ramal.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ramal.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the fields of a JSON request body. A field of the wrong type is answered
 * {@code 400 invalid_request} naming the field (never echoing its value, which may be a secret).
 */
public final class JsonFields {

    private JsonFields() {}

    public static String requiredText(ObjectNode body, String field) {
        return optionalText(body, field).orElseThrow(() -> invalid(field + " is required"));
    }

    /** The field's text; absent when missing or JSON {@code null}. */
    public static Optional<String> optionalText(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return Optional.of(node.textValue());
    }

    public static Optional<Boolean> optionalBoolean(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw invalid(field + " must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /** A whole number from {@code min} to {@code max}; absent when missing or {@code null}. */
    public static Optional<Integer> optionalInt(ObjectNode body, String field, int min, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw invalid(field + " must be a whole number from " + min + " to " + max);
        }
        return Optional.of(node.intValue());
    }

    /** A list of strings; absent when missing or {@code null}. */
    public static Optional<List<String>> optionalTextList(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw invalid(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw invalid(field + " must be an array of strings");
            }
            values.add(element.textValue());
        }
        return Optional.of(List.copyOf(values));
    }

    /** Whether the body has the field at all (even as {@code null}), for PATCH semantics. */
    public static boolean has(ObjectNode body, String field) {
        return body.has(field);
    }

    public static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }
}
