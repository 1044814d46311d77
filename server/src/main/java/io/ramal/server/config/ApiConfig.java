package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST and event API ({@code api.*}).
 *
 * @param accessTokenLifetime  how long an access token is accepted ({@code api.access_token_lifetime})
 * @param refreshTokenLifetime how long an unused refresh token may renew ({@code api.refresh_token_lifetime})
 * @param eventRetention       events older than this are pruned ({@code api.events.retention}); a
 *                             client resuming from before that gets a snapshot instead
 * @param eventMaxPerTenant    at most this many events are kept per tenant ({@code api.events.max_per_tenant})
 * @param maxSocketsPerUser    concurrent event sockets one user or API key may hold
 * @param heartbeat            how often an idle event socket is pinged
 * @param seedDemoUsers        add the demo tenant's users (admin, alice, bob, carol) with their
 *                             well-known passwords: only {@code ./ramal demo} does, never a config file
 */
public record ApiConfig(
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Duration eventRetention,
        Optional<Long> eventMaxPerTenant,
        int maxSocketsPerUser,
        Duration heartbeat,
        boolean seedDemoUsers) {

    public ApiConfig {
        atLeast(accessTokenLifetime, Duration.ofMinutes(1), "access_token_lifetime");
        atLeast(refreshTokenLifetime, Duration.ofMinutes(10), "refresh_token_lifetime");
        atLeast(eventRetention, Duration.ofMinutes(1), "events.retention");
        Objects.requireNonNull(eventMaxPerTenant, "eventMaxPerTenant");
        eventMaxPerTenant.ifPresent(max -> {
            if (max < 1_000) {
                throw new IllegalArgumentException("events.max_per_tenant must be at least 1000, got " + max);
            }
        });
        if (maxSocketsPerUser < 1) {
            throw new IllegalArgumentException("events.max_sockets_per_user must be at least 1, got " + maxSocketsPerUser);
        }
        atLeast(heartbeat, Duration.ofSeconds(1), "events.heartbeat");
        if (refreshTokenLifetime.compareTo(accessTokenLifetime) < 0) {
            throw new IllegalArgumentException("refresh_token_lifetime must not be shorter than access_token_lifetime");
        }
    }

    /** Access tokens 10 min, refresh tokens 30 days, events kept 7 days, 10 sockets per user, heartbeat 15 s. */
    public static final ApiConfig DEFAULTS = new ApiConfig(Duration.ofMinutes(10), Duration.ofDays(30),
            Duration.ofDays(7), Optional.empty(), 10, Duration.ofSeconds(15), false);

    public ApiConfig withSeedDemoUsers(boolean seed) {
        return new ApiConfig(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant,
                maxSocketsPerUser, heartbeat, seed);
    }

    private static void atLeast(Duration value, Duration minimum, String key) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(key + " must be at least " + DurationText.format(minimum) + ", got "
                    + DurationText.format(value));
        }
    }
}
