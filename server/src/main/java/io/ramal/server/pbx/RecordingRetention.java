package io.ramal.server.pbx;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How long each tenant's recordings are kept after they ended: the tenant's own number of days,
 * else the default; 0 days means for ever.
 *
 * @param defaultDays {@code media.recording.retention_days}
 * @param tenantDays {@code tenants[].recordings.retention_days} of the tenants that set it
 */
public record RecordingRetention(int defaultDays, Map<String, Integer> tenantDays) {
    public static final RecordingRetention FOREVER = new RecordingRetention(0, Map.of());

    public RecordingRetention {
        tenantDays = Map.copyOf(Objects.requireNonNull(tenantDays, "tenantDays"));
        if (defaultDays < 0 || tenantDays.values().stream().anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("retention days must not be negative");
        }
    }

    /** How long the tenant's recordings are kept; empty for ever. */
    public Optional<Duration> keep(String tenantId) {
        int days = tenantDays.getOrDefault(tenantId, defaultDays);
        return days == 0 ? Optional.empty() : Optional.of(Duration.ofDays(days));
    }

    /** Whether any recording may ever be deleted. */
    public boolean deletesAny() {
        return defaultDays > 0 || tenantDays.values().stream().anyMatch(d -> d > 0);
    }
}
