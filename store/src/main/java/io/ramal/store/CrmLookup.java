package io.ramal.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A tenant's CRM lookup: the URL template asked for the caller's contact before each screen pop.
 *
 * @param headers  JSON text of extra request headers ({@code {"name":"value"}}), written and read
 *                 by the API layer
 * @param timeout  how long a lookup may take before the pop goes out without a contact
 * @param cacheTtl how long an answer is reused for the same URL (zero: never)
 */
public record CrmLookup(String tenantId, String urlTemplate, String headers, Duration timeout, Duration cacheTtl,
        boolean enabled, Instant updatedAt) {

    public CrmLookup {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(urlTemplate, "urlTemplate");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative: " + cacheTtl);
        }
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MILLIS);
    }
}
