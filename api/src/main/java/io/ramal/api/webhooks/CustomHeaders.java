package io.ramal.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra headers an admin adds to Ramal's outbound requests (webhooks, the CRM lookup): at most
 * {@value #MAX} one-line headers with valid names, none that HTTP itself or Ramal sets.
 */
public final class CustomHeaders {

    public static final int MAX = 20;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type",
            "connection", "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive",
            "proxy-authorization", "proxy-connection");

    private CustomHeaders() {}

    /**
     * Headers from their JSON form ({@code {"name":"value"}}, or null for none), checked.
     * {@link IllegalArgumentException} saying what is wrong.
     */
    public static Map<String, String> fromJson(JsonNode json) {
        if (json == null || json.isNull()) {
            return Map.of();
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("headers must be an object of name: value");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        json.properties().forEach(field -> {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("header " + field.getKey() + " must be text");
            }
            headers.put(field.getKey(), field.getValue().asText());
        });
        check(headers);
        return Collections.unmodifiableMap(headers);
    }

    /** {@link IllegalArgumentException} unless every header may be sent as configured. */
    public static void check(Map<String, String> headers) {
        if (headers.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " headers");
        }
        headers.forEach(CustomHeaders::checkOne);
    }

    /** The JSON text the store keeps. */
    public static String toText(Map<String, String> headers) {
        return WebhookJson.write(headers);
    }

    /** Headers from the JSON text the store keeps. */
    public static Map<String, String> fromText(String text) {
        return Subscription.headersFromJson(text);
    }

    private static void checkOne(String name, String value) {
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP field name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || lower.startsWith("ramal-")) {
            throw new IllegalArgumentException("header " + name + " is set by Ramal and cannot be configured");
        }
        if (value.length() > 1_024 || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("header " + name + " must be one line of at most 1024 characters");
        }
    }
}
