package io.ramal.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * What an operation requires: one of {@code roles} for a user's access token, or {@code scope}
 * for an API key (an API key with {@link Scope#ADMIN} has every scope). API-key principals carry
 * no roles, so a role check alone never lets a key through.
 */
public record Permission(Set<Role> roles, Scope scope) {

    /** Users and API keys administration. */
    public static final Permission ADMIN = new Permission(Set.of(Role.ADMIN), Scope.ADMIN);
    /** Webhook subscriptions and deliveries: admins, or a key with {@code webhooks:admin}. */
    public static final Permission WEBHOOKS_ADMIN = new Permission(Set.of(Role.ADMIN), Scope.WEBHOOKS_ADMIN);
    /** The event stream: any user of the tenant, or a key with {@code events:read}. */
    public static final Permission EVENTS_READ = new Permission(Set.of(Role.values()), Scope.EVENTS_READ);
    /** Reading calls and devices: any user, or a key with {@code calls:read}. */
    public static final Permission CALLS_READ = new Permission(Set.of(Role.values()), Scope.CALLS_READ);
    /** Controlling calls: any user (the handler narrows agents to their own device), or {@code calls:write}. */
    public static final Permission CALLS_WRITE = new Permission(Set.of(Role.values()), Scope.CALLS_WRITE);

    /**
     * Recordings and their audio: any user (the handler narrows agents to calls of their own
     * extension), or a key with {@code recordings:read}.
     */
    public static final Permission RECORDINGS_READ = new Permission(Set.of(Role.values()), Scope.RECORDINGS_READ);

    /**
     * Supervising live calls (listen, whisper, barge): supervisors and admins, or an admin's key.
     * An agent may not.
     */
    public static final Permission SUPERVISE = new Permission(Set.of(Role.ADMIN, Role.SUPERVISOR), Scope.ADMIN);

    public Permission {
        roles = Set.copyOf(roles);
        Objects.requireNonNull(scope, "scope");
    }

    public boolean allows(Principal principal) {
        return switch (principal.kind()) {
            case ACCESS_TOKEN -> principal.roles().stream().anyMatch(roles::contains);
            case API_KEY -> principal.scopes().contains(scope.wireName())
                    || principal.scopes().contains(Scope.ADMIN.wireName());
        };
    }
}
