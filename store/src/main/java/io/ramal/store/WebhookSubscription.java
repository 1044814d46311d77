package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's webhook: which events it wants, where and how to send them. The store keeps
 * {@code selectors} and {@code headers} as the JSON text the API layer gives it, without reading it.
 *
 * @param method       {@code GET} or {@code POST}
 * @param bodyFormat   {@code json} or {@code form}
 * @param secret       the HMAC key that signs every request (kept as given: it must be usable)
 * @param disabledReason why the subscription was switched off, if the system did it (410 Gone)
 */
public record WebhookSubscription(
        String id,
        String tenantId,
        String description,
        String selectors,
        String urlTemplate,
        String method,
        String bodyFormat,
        Optional<String> bodyTemplate,
        String headers,
        String secret,
        boolean enabled,
        Optional<String> disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    public WebhookSubscription {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(tenantId, "tenantId");
        Objects.requireNonNull(description, "description");
        Text.requireNonBlank(selectors, "selectors");
        Text.requireNonBlank(urlTemplate, "urlTemplate");
        method = Text.requireNonBlank(method, "method").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("method must be GET or POST: " + method);
        }
        bodyFormat = Text.requireNonBlank(bodyFormat, "bodyFormat").toLowerCase(Locale.ROOT);
        if (!bodyFormat.equals("json") && !bodyFormat.equals("form")) {
            throw new IllegalArgumentException("bodyFormat must be json or form: " + bodyFormat);
        }
        Objects.requireNonNull(bodyTemplate, "bodyTemplate");
        Text.requireNonBlank(headers, "headers");
        Text.requireNonBlank(secret, "secret");
        Objects.requireNonNull(disabledReason, "disabledReason");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /** Never shows the secret (records end up in logs and assertion messages). */
    @Override
    public String toString() {
        return "WebhookSubscription[id=" + id + ", tenantId=" + tenantId + ", urlTemplate=" + urlTemplate
                + ", method=" + method + ", enabled=" + enabled + "]";
    }
}
