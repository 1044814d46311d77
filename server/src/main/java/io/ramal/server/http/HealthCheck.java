package io.ramal.server.http;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One component's answer to "are you working?", shown under {@code components} in
 * {@code GET /health}. A probe that throws counts as down.
 */
public record HealthCheck(String name, BooleanSupplier probe) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probe, "probe");
        if (name.isBlank()) {
            throw new IllegalArgumentException("health check name must not be empty");
        }
    }

    public boolean isUp() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
