package io.ramal.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flat string fields of a request the way OAuth clients send them: form-encoded
 * ({@code application/x-www-form-urlencoded}) or a JSON object of strings and numbers.
 */
public record RequestFields(Map<String, String> values) {

    public RequestFields {
        values = Map.copyOf(values);
    }

    public static RequestFields of(Context ctx) {
        Map<String, String> values = new HashMap<>();
        if (ctx.isFormUrlencoded()) {
            for (Map.Entry<String, List<String>> entry : ctx.formParamMap().entrySet()) {
                if (!entry.getValue().isEmpty()) {
                    values.put(entry.getKey(), entry.getValue().getFirst());
                }
            }
            return new RequestFields(values);
        }
        ObjectNode body = Json.readObject(ctx);
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (value.isTextual() || value.isNumber()) {
                values.put(field.getKey(), value.asText());
            } else if (!value.isNull()) {
                throw JsonFields.invalid(field.getKey() + " must be a string");
            }
        }
        return new RequestFields(values);
    }

    /** The field, absent when missing or empty. */
    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> JsonFields.invalid(name + " is required"));
    }

    @Override
    public String toString() {
        return "RequestFields" + values.keySet(); // values may be passwords or tokens
    }
}
