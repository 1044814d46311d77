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
 * @param agents               the agent session policy of tenants without their own ({@code api.agents.*})
 * @param publicUrl            the address at which others (a CRM following a recording link) reach
 *                             this server's HTTP API ({@code api.public_url}); empty: the HTTP
 *                             listener's own address
 * @param recordingLinkLifetime how long the signed recording links in {@code cdr.created} webhooks
 *                             stay valid ({@code api.recording_link_lifetime})
 * @param webhooks             how webhooks are delivered ({@code api.webhooks.*})
 * @param operators            the server operators' keys ({@code api.operators}): who may administer
 *                             tenants under {@code /api/v1/tenants}; none by default
 */
public record ApiConfig(
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        Duration eventRetention,
        Optional<Long> eventMaxPerTenant,
        int maxSocketsPerUser,
        Duration heartbeat,
        boolean seedDemoUsers,
        AgentConfig agents,
        Optional<java.net.URI> publicUrl,
        Duration recordingLinkLifetime,
        io.ramal.api.webhooks.WebhookConfig webhooks,
        java.util.List<io.ramal.api.tenants.OperatorKey> operators) {

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
        Objects.requireNonNull(publicUrl, "publicUrl");
        publicUrl.ifPresent(url -> {
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("public_url must be an http:// or https:// URL with a host: " + url);
            }
        });
        Objects.requireNonNull(webhooks, "webhooks");
        atLeast(recordingLinkLifetime, Duration.ofSeconds(1), "recording_link_lifetime");
        if (recordingLinkLifetime.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("recording_link_lifetime must be at most 7d, got "
                    + DurationText.format(recordingLinkLifetime));
        }
        if (refreshTokenLifetime.compareTo(accessTokenLifetime) < 0) {
            throw new IllegalArgumentException("refresh_token_lifetime must not be shorter than access_token_lifetime");
        }
        Objects.requireNonNull(agents, "agents");
        operators = java.util.List.copyOf(operators);
        if (operators.stream().map(io.ramal.api.tenants.OperatorKey::name).distinct().count() != operators.size()) {
            throw new IllegalArgumentException("operators: a name is listed twice");
        }
    }

    /** Without operators. */
    public ApiConfig(Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration eventRetention,
            Optional<Long> eventMaxPerTenant, int maxSocketsPerUser, Duration heartbeat, boolean seedDemoUsers,
            AgentConfig agents, Optional<java.net.URI> publicUrl, Duration recordingLinkLifetime,
            io.ramal.api.webhooks.WebhookConfig webhooks) {
        this(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant, maxSocketsPerUser, heartbeat,
                seedDemoUsers, agents, publicUrl, recordingLinkLifetime, webhooks, java.util.List.of());
    }

    /** How long recording links stay valid unless configured. */
    public static final Duration DEFAULT_RECORDING_LINK_LIFETIME = Duration.ofHours(24);

    /**
     * Access tokens 10 min, refresh tokens 30 days, events kept 7 days, 10 sockets per user, heartbeat
     * 15 s, no public URL (the listener's own), recording links valid 24 h.
     */
    public static final ApiConfig DEFAULTS = new ApiConfig(Duration.ofMinutes(10), Duration.ofDays(30),
            Duration.ofDays(7), Optional.empty(), 10, Duration.ofSeconds(15), false);

    /**
     * With the default agent policy, without a public URL, recording links valid {@link
     * #DEFAULT_RECORDING_LINK_LIFETIME}, and the webhooks' default delivery settings.
     */
    public ApiConfig(Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration eventRetention,
            Optional<Long> eventMaxPerTenant, int maxSocketsPerUser, Duration heartbeat, boolean seedDemoUsers) {
        this(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant, maxSocketsPerUser, heartbeat,
                seedDemoUsers, AgentConfig.DEFAULTS, Optional.empty(), DEFAULT_RECORDING_LINK_LIFETIME,
                io.ramal.api.webhooks.WebhookConfig.defaults());
    }

    public ApiConfig withSeedDemoUsers(boolean seed) {
        return new ApiConfig(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant,
                maxSocketsPerUser, heartbeat, seed, agents, publicUrl, recordingLinkLifetime, webhooks, operators);
    }

    public ApiConfig withAgents(AgentConfig newAgents) {
        return new ApiConfig(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant,
                maxSocketsPerUser, heartbeat, seedDemoUsers, newAgents, publicUrl, recordingLinkLifetime, webhooks, operators);
    }

    public ApiConfig withPublicUrl(Optional<java.net.URI> url) {
        return new ApiConfig(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant,
                maxSocketsPerUser, heartbeat, seedDemoUsers, agents, url, recordingLinkLifetime, webhooks, operators);
    }

    public ApiConfig withWebhooks(io.ramal.api.webhooks.WebhookConfig settings) {
        return new ApiConfig(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant,
                maxSocketsPerUser, heartbeat, seedDemoUsers, agents, publicUrl, recordingLinkLifetime, settings, operators);
    }

    public ApiConfig withOperators(java.util.List<io.ramal.api.tenants.OperatorKey> keys) {
        return new ApiConfig(accessTokenLifetime, refreshTokenLifetime, eventRetention, eventMaxPerTenant,
                maxSocketsPerUser, heartbeat, seedDemoUsers, agents, publicUrl, recordingLinkLifetime, webhooks, keys);
    }

    private static void atLeast(Duration value, Duration minimum, String key) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(key + " must be at least " + DurationText.format(minimum) + ", got "
                    + DurationText.format(value));
        }
    }
}
