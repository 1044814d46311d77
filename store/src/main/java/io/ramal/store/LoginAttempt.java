package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Failed password checks for one login name of a tenant (whether or not such a user exists).
 *
 * @param failures        failures counted since {@code windowStartedAt}
 * @param windowStartedAt when the first of those failures happened
 * @param lockedUntil     while in the future, the name may not log in
 */
public record LoginAttempt(
        String tenantId, String username, int failures, Instant windowStartedAt, Optional<Instant> lockedUntil) {

    public LoginAttempt {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(username, "username");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative: " + failures);
        }
        windowStartedAt = Objects.requireNonNull(windowStartedAt, "windowStartedAt").truncatedTo(ChronoUnit.MILLIS);
        lockedUntil = lockedUntil.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Whether the name is locked at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil.filter(now::isBefore).isPresent();
    }
}
