package io.ramal.api.webhooks;

import io.ramal.store.WebhookDelivery;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Builds the HTTP request of one delivery attempt from the subscription as it is now (so a fixed
 * URL heals pending deliveries) and the event stored with the delivery. Pure: the time of signing
 * is given.
 */
final class RequestRenderer {

    static final String USER_AGENT = "Ramal-Webhooks/1";

    /** The outcome of rendering. */
    sealed interface Rendered {
        record Ready(WebhookRequest request) implements Rendered {}

        record Failed(String reason) implements Rendered {}
    }

    private RequestRenderer() {}

    static Rendered render(Subscription subscription, WebhookDelivery delivery, Instant signedAt) {
        return render(subscription, delivery, signedAt, DeliveryFields.NONE);
    }

    /** As {@link #render(Subscription, WebhookDelivery, Instant)}, with {@code fields} added for this attempt. */
    static Rendered render(Subscription subscription, WebhookDelivery delivery, Instant signedAt,
            DeliveryFields fields) {
        Objects.requireNonNull(subscription, "subscription");
        Map<String, Object> stored;
        try {
            stored = WebhookJson.readObject(delivery.payload());
        } catch (IllegalArgumentException e) {
            return new Rendered.Failed("damaged event payload: " + e.getMessage());
        }
        Map<String, Object> event = fields.enrich(delivery.tenantId(), stored, signedAt);
        String target = subscription.url().render(event, Escaping.URL);
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return new Rendered.Failed("the URL template renders an invalid URL: " + e.getMessage());
        }
        byte[] body;
        byte[] signed;
        String contentType = null;
        if (subscription.isGet()) {
            body = new byte[0];
            signed = target.getBytes(StandardCharsets.UTF_8);
        } else {
            Escaping escaping = subscription.isForm() ? Escaping.FORM : Escaping.JSON;
            String text = subscription.body()
                    .map(template -> template.render(event, escaping))
                    .orElseGet(() -> subscription.isForm() ? form(event)
                            : event == stored ? delivery.payload() : WebhookJson.write(event));
            body = text.getBytes(StandardCharsets.UTF_8);
            signed = body;
            contentType = subscription.isForm() ? "application/x-www-form-urlencoded" : "application/json";
        }
        Map<String, String> headers = new LinkedHashMap<>(subscription.headers());
        headers.putIfAbsent("User-Agent", USER_AGENT);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.put("Ramal-Delivery-Id", delivery.id());
        headers.put("Ramal-Event-Id", delivery.eventId());
        headers.put("Ramal-Event-Type", delivery.eventType());
        headers.put("Ramal-Seq", Long.toString(delivery.seq()));
        headers.put("Ramal-Attempt", Integer.toString(delivery.attempts()));
        delivery.replayOf().ifPresent(original -> headers.put("Ramal-Replay-Of", original));
        headers.put(WebhookSignature.HEADER,
                WebhookSignature.sign(subscription.stored().secret(), signedAt.getEpochSecond(), signed));
        return new Rendered.Ready(new WebhookRequest(subscription.stored().method(), uri, headers, body));
    }

    /** The default form body: each top-level field as {@code name=value}, nested values as JSON. */
    private static String form(Map<String, Object> event) {
        StringJoiner out = new StringJoiner("&");
        event.forEach((name, value) ->
                out.add(Escaping.FORM.apply(name) + "=" + Escaping.FORM.apply(WebhookJson.text(value))));
        return out.toString();
    }
}
