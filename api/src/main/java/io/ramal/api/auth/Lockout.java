package io.ramal.api.auth;

import io.ramal.store.LoginAttempt;
import io.ramal.store.LoginAttempts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Locks a login name of a tenant after repeated failed password checks ({@link LockoutPolicy}).
 * Names of users that do not exist are counted and locked alike, so the lock tells nothing about
 * which users exist. The counters live in the store, so they hold across restarts and nodes.
 */
final class Lockout {

    private final LoginAttempts attempts;
    private final LockoutPolicy policy;

    Lockout(LoginAttempts attempts, LockoutPolicy policy) {
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Until when the name is locked, if it is locked at {@code now}. */
    Optional<Instant> lockedUntil(String tenantId, String username, Instant now) {
        return attempts.find(tenantId, username).filter(a -> a.lockedAt(now)).flatMap(LoginAttempt::lockedUntil);
    }

    /** Counts a failure; returns the end of the lock it triggered, if it triggered one. */
    Optional<Instant> recordFailure(String tenantId, String username, Instant now) {
        LoginAttempt after = attempts.recordFailure(tenantId, username, now, now.minus(policy.window()));
        if (after.failures() < policy.maxFailures()) {
            return Optional.empty();
        }
        Instant until = now.plus(policy.lockFor());
        attempts.lock(tenantId, username, now, until);
        return Optional.of(until);
    }

    void recordSuccess(String tenantId, String username) {
        attempts.clear(tenantId, username);
    }
}
