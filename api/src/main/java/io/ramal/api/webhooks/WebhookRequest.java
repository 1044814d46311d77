package io.ramal.api.webhooks;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One HTTP request of a delivery, ready to send: method, target, headers (signature included) and body. */
record WebhookRequest(String method, URI uri, Map<String, String> headers, byte[] body) {

    WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
