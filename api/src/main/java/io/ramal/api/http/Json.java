package io.ramal.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.ramal.api.ApiException;

/**
 * JSON in and out of API handlers with one mapper of our own, so bodies look the same whatever
 * JSON mapper the hosting server configured. A body that is not a JSON object is answered
 * {@code 400 invalid_request}.
 */
public final class Json {

    public static final String CONTENT_TYPE = "application/json";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** The request body as a JSON object; an empty body counts as {@code {}}. */
    public static ObjectNode readObject(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_request", "the request body is not valid JSON");
        }
        throw new ApiException(400, "invalid_request", "the request body must be a JSON object");
    }

    /** Answers {@code status} with {@code body} serialized as JSON. */
    public static void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body.getClass().getName(), e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The JSON tree of a value (a record, a list of records...). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
