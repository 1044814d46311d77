package io.ramal.api.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ramal.store.WebhookSubscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored subscription read into working form: its selectors, templates and headers parsed once
 * (the subscription cache keeps these).
 */
record Subscription(
        WebhookSubscription stored,
        List<EventSelector> selectors,
        WebhookTemplate url,
        Optional<WebhookTemplate> body,
        Map<String, String> headers) {

    Subscription {
        Objects.requireNonNull(stored, "stored");
        selectors = List.copyOf(selectors);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Parses the stored JSON; {@link IllegalArgumentException} if it is damaged. */
    static Subscription from(WebhookSubscription stored) {
        return new Subscription(stored, selectorsFromJson(stored.selectors()),
                WebhookTemplate.parse(stored.urlTemplate()), stored.bodyTemplate().map(WebhookTemplate::parse),
                headersFromJson(stored.headers()));
    }

    String id() {
        return stored.id();
    }

    boolean isGet() {
        return stored.method().equals("GET");
    }

    boolean isForm() {
        return stored.bodyFormat().equals("form");
    }

    /** Whether an event (its envelope and fields) is one this subscription wants. */
    boolean wants(String eventType, CallView call) {
        for (EventSelector selector : selectors) {
            if (selector.matches(eventType, call)) {
                return true;
            }
        }
        return false;
    }

    static String selectorsToJson(List<EventSelector> selectors) {
        return WebhookJson.write(selectors.stream().map(EventSelector::toJson).toList());
    }

    static List<EventSelector> selectorsFromJson(String json) {
        try {
            List<?> list = WebhookJson.MAPPER.readValue(json, List.class);
            List<EventSelector> selectors = new ArrayList<>(list.size());
            for (Object item : list) {
                selectors.add(EventSelector.fromJson(item));
            }
            return selectors;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("damaged selectors: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> headersFromJson(String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        WebhookJson.readObject(json).forEach((name, value) -> headers.put(name, WebhookJson.text(value)));
        return headers;
    }
}
