package io.ramal.api.screenpop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One CRM lookup as a screen pop reports it: its result, how long it took, and whether the answer
 * came from the cache.
 */
record Lookup(LookupResult result, Duration latency, boolean cached) {

    Lookup {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(latency, "latency");
    }

    Optional<Map<String, Object>> contact() {
        return result instanceof LookupResult.Found found ? Optional.of(found.contact()) : Optional.empty();
    }

    /** {@code {"status":…,"cached":…,"latency_ms":…,"error":…}}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", result.status());
        json.put("cached", cached);
        json.put("latency_ms", latency.toMillis());
        json.put("error", result.error().orElse(null));
        return json;
    }
}
