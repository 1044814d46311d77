package io.ramal.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.api.ApiException;
import io.ramal.store.WebhookSubscription;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The editable fields of a subscription as an admin sends them, checked: what {@code POST} creates
 * and what {@code PATCH} changes. Every problem is an {@link ApiException} 400
 * {@code invalid_webhook} naming the field.
 */
record SubscriptionForm(
        String description,
        List<EventSelector> selectors,
        String url,
        String method,
        String bodyFormat,
        Optional<String> body,
        Map<String, String> headers,
        boolean enabled) {

    static final String INVALID = "invalid_webhook";
    private static final Set<String> FIELDS =
            Set.of("description", "events", "url", "method", "body_format", "body", "headers", "enabled");
    private static final int MAX_SELECTORS = 50;
    private static final int MAX_BODY = 65_536;

    SubscriptionForm {
        Objects.requireNonNull(description, "description");
        selectors = List.copyOf(selectors);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(bodyFormat, "bodyFormat");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A new subscription from a {@code POST} body: {@code events} and {@code url} required. */
    static SubscriptionForm create(JsonNode json) {
        requireObject(json);
        if (!json.has("events") || !json.has("url")) {
            throw invalid("events and url are required");
        }
        return new SubscriptionForm("", List.of(EventSelector.ofType("*")), "", "POST", "json", Optional.empty(),
                Map.of(), true).with(json);
    }

    /** The form as stored. */
    static SubscriptionForm of(WebhookSubscription stored) {
        return new SubscriptionForm(stored.description(), Subscription.selectorsFromJson(stored.selectors()),
                stored.urlTemplate(), stored.method(), stored.bodyFormat(), stored.bodyTemplate(),
                Subscription.headersFromJson(stored.headers()), stored.enabled());
    }

    /** This form with the fields present in {@code json} replaced ({@code "body": null} removes the body). */
    SubscriptionForm with(JsonNode json) {
        requireObject(json);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + name + "' (allowed: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        SubscriptionForm form = new SubscriptionForm(
                json.has("description") ? text(json, "description") : description,
                json.has("events") ? selectors(json.get("events")) : selectors,
                json.has("url") ? text(json, "url").strip() : url,
                json.has("method") ? text(json, "method").toUpperCase(Locale.ROOT) : method,
                json.has("body_format") ? text(json, "body_format").toLowerCase(Locale.ROOT) : bodyFormat,
                json.has("body") ? (json.get("body").isNull() ? Optional.empty() : Optional.of(text(json, "body"))) : body,
                json.has("headers") ? headers(json.get("headers")) : headers,
                json.has("enabled") ? bool(json, "enabled") : enabled);
        form.check();
        return form;
    }

    /** The URL with every placeholder filled with a sample: scheme, host and port as they will be used. */
    URI sampleUrl() {
        return targetUrl().sample();
    }

    private TargetUrl targetUrl() {
        try {
            return TargetUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private void check() {
        if (description.length() > 200) {
            throw invalid("description is longer than 200 characters");
        }
        if (selectors.isEmpty() || selectors.size() > MAX_SELECTORS) {
            throw invalid("events must list 1 to " + MAX_SELECTORS + " selectors");
        }
        checkUrl();
        if (!method.equals("GET") && !method.equals("POST")) {
            throw invalid("method must be GET or POST");
        }
        if (!bodyFormat.equals("json") && !bodyFormat.equals("form")) {
            throw invalid("body_format must be json or form");
        }
        if (method.equals("GET") && body.isPresent()) {
            throw invalid("a GET webhook has no body: remove body or use POST");
        }
        if (body.isPresent()) {
            checkBody(body.get());
        }
        try {
            CustomHeaders.check(headers);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private void checkUrl() {
        targetUrl();
    }

    private void checkBody(String template) {
        if (template.length() > MAX_BODY) {
            throw invalid("body is longer than " + MAX_BODY + " characters");
        }
        if (bodyFormat.equals("json")) {
            try {
                WebhookJson.MAPPER.readTree(WebhookTemplate.parse(template).renderSample("0"));
            } catch (JsonProcessingException e) {
                throw invalid("body is not a JSON template (with every variable as 0 it does not parse: "
                        + e.getOriginalMessage() + ")");
            }
        }
    }

    private static List<EventSelector> selectors(JsonNode json) {
        if (!json.isArray()) {
            throw invalid("events must be a list of selectors like {\"type\":\"call.delivered\"}");
        }
        List<EventSelector> selectors = new ArrayList<>();
        for (JsonNode item : json) {
            try {
                selectors.add(EventSelector.fromJson(WebhookJson.MAPPER.convertValue(item, Object.class)));
            } catch (IllegalArgumentException e) {
                throw invalid("events: " + e.getMessage());
            }
        }
        return selectors;
    }

    private static Map<String, String> headers(JsonNode json) {
        try {
            return CustomHeaders.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (!value.isTextual()) {
            throw invalid(name + " must be text");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (!value.isBoolean()) {
            throw invalid(name + " must be true or false");
        }
        return value.asBoolean();
    }

    private static void requireObject(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new ApiException(400, "invalid_json", "the body must be a JSON object");
        }
    }

    static ApiException invalid(String message) {
        return new ApiException(400, INVALID, message);
    }
}
