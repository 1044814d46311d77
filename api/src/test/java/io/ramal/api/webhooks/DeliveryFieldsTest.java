package io.ramal.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookSubscription;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fields added when an attempt is rendered (a fresh signed link) reach the URL, the body template and the default body. */
class DeliveryFieldsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String PAYLOAD = "{\"id\":\"ev-1\",\"seq\":7,\"ts\":\"2026-11-21T10:00:00Z\",\"tenant\":\"demo\","
            + "\"type\":\"cdr.created\",\"call_id\":\"c-1\"}";
    private static final DeliveryFields LINK = (tenant, event, now) -> {
        Map<String, Object> enriched = new LinkedHashMap<>(event);
        enriched.put("recording_url", "https://pbx/r?t=" + tenant + "&at=" + now.getEpochSecond());
        return enriched;
    };

    private static Subscription subscription(String method, String url, Optional<String> body) {
        return Subscription.from(new WebhookSubscription("wh-1", "demo", "", "[{\"type\":\"cdr.created\"}]", url, method,
                "json", body, "{}", "whsec_test", true, Optional.empty(), NOW, NOW));
    }

    private static WebhookDelivery delivery() {
        return WebhookDelivery.pending("d-1", "demo", "wh-1", 7, "ev-1", "cdr.created", PAYLOAD, NOW, Optional.empty());
    }

    private static WebhookRequest render(Subscription subscription, DeliveryFields fields) {
        return ((RequestRenderer.Rendered.Ready) RequestRenderer.render(subscription, delivery(), NOW, fields)).request();
    }

    @Test
    void theDefaultBodyIsTheEventWithTheAddedFieldsAndIsSignedAsSent() {
        WebhookRequest request = render(subscription("POST", "https://crm.example/log", Optional.empty()), LINK);
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"id\":\"ev-1\",\"seq\":7,").contains(
                "\"recording_url\":\"https://pbx/r?t=demo&at=" + NOW.getEpochSecond() + "\"");
        assertThat(WebhookSignature.verify("whsec_test", request.headers().get(WebhookSignature.HEADER), request.body(),
                NOW.getEpochSecond(), 300)).isTrue();
    }

    @Test
    void templatesSeeTheAddedFieldsAndNothingAddedLeavesTheStoredBodyAsItWas() {
        WebhookRequest request = render(subscription("GET", "https://crm.example/log?call={{call_id}}&rec={{recording_url}}",
                Optional.empty()), LINK);
        assertThat(request.uri().toString()).isEqualTo(
                "https://crm.example/log?call=c-1&rec=https%3A%2F%2Fpbx%2Fr%3Ft%3Ddemo%26at%3D" + NOW.getEpochSecond());
        WebhookRequest plain = render(subscription("POST", "https://crm.example/log", Optional.empty()),
                DeliveryFields.NONE);
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
    }
}
