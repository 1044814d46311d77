package io.ramal.api.screenpop;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.api.ApiException;
import io.ramal.api.webhooks.CustomHeaders;
import io.ramal.api.webhooks.TargetUrl;
import io.ramal.store.CrmLookup;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant's CRM lookup in working form: the URL template (asked with GET; the same rules and
 * variables as a webhook URL: {@code %CALLER_ID%}, {@code {{caller_number}}}…), extra headers, the
 * timeout after which the pop goes out without a contact, and how long answers are reused.
 */
record CrmLookupSettings(TargetUrl url, Map<String, String> headers, Duration timeout, Duration cacheTtl,
        boolean enabled) {

    static final String INVALID = "invalid_lookup";
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_CACHE_TTL = Duration.ofHours(1);
    static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    private static final Set<String> FIELDS = Set.of("url", "headers", "timeout_ms", "cache_ttl_ms", "enabled");

    CrmLookupSettings {
        Objects.requireNonNull(url, "url");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    /** The stored lookup; {@link IllegalArgumentException} if the row is damaged. */
    static CrmLookupSettings from(CrmLookup stored) {
        return new CrmLookupSettings(TargetUrl.parse(stored.urlTemplate()), CustomHeaders.fromText(stored.headers()),
                stored.timeout(), stored.cacheTtl(), stored.enabled());
    }

    /**
     * The lookup an admin sends ({@code PUT}): {@code url} required, the rest defaulted. Every
     * problem is an {@link ApiException} 400 {@value #INVALID} naming the field.
     */
    static CrmLookupSettings fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new ApiException(400, "invalid_json", "the body must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + name + "' (allowed: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        JsonNode url = json.get("url");
        if (url == null || !url.isTextual()) {
            throw invalid("url is required: a URL template such as https://crm.example/lookup?phone=%CALLER_ID%");
        }
        TargetUrl target;
        Map<String, String> headers;
        try {
            target = TargetUrl.parse(url.asText().strip());
            headers = CustomHeaders.fromJson(json.get("headers"));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        Duration timeout = millis(json, "timeout_ms", DEFAULT_TIMEOUT, MIN_TIMEOUT, MAX_TIMEOUT);
        Duration cacheTtl = millis(json, "cache_ttl_ms", DEFAULT_CACHE_TTL, Duration.ZERO, MAX_CACHE_TTL);
        boolean enabled = true;
        if (json.has("enabled")) {
            if (!json.get("enabled").isBoolean()) {
                throw invalid("enabled must be true or false");
            }
            enabled = json.get("enabled").asBoolean();
        }
        return new CrmLookupSettings(target, headers, timeout, cacheTtl, enabled);
    }

    CrmLookup toStored(String tenantId, Instant now) {
        return new CrmLookup(tenantId, url.template(), CustomHeaders.toText(headers), timeout, cacheTtl, enabled, now);
    }

    /** The JSON form the admin API shows. */
    Map<String, Object> toJson(Instant updatedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", url.template());
        json.put("headers", headers);
        json.put("timeout_ms", timeout.toMillis());
        json.put("cache_ttl_ms", cacheTtl.toMillis());
        json.put("enabled", enabled);
        json.put("updated_at", updatedAt.toString());
        return json;
    }

    private static Duration millis(JsonNode json, String name, Duration fallback, Duration min, Duration max) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw invalid(name + " must be a whole number of milliseconds");
        }
        Duration duration = Duration.ofMillis(value.asLong());
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw invalid(name + " must be from " + min.toMillis() + " to " + max.toMillis());
        }
        return duration;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, INVALID, message);
    }
}
