package io.ramal.server.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code GET /health}: {@code {"status":"up","components":{"http":"up",...}}}.
 * The whole is {@code up} only when every component is.
 */
public record HealthReport(String status, Map<String, String> components) {
    public static final String UP = "up";
    public static final String DOWN = "down";

    public HealthReport {
        Objects.requireNonNull(status, "status");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** Runs every check once, in order. */
    public static HealthReport of(List<HealthCheck> checks) {
        Map<String, String> components = new LinkedHashMap<>();
        boolean allUp = true;
        for (HealthCheck check : checks) {
            boolean up = check.isUp();
            allUp &= up;
            components.put(check.name(), up ? UP : DOWN);
        }
        return new HealthReport(allUp ? UP : DOWN, components);
    }

    /** True when every component is up (not serialized: the JSON carries {@code status}). */
    public boolean healthy() {
        return status.equals(UP);
    }
}
