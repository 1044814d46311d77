package io.ramal.api.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling the API, resolved from an access token or an API key. Every request and every
 * event subscription is scoped to {@link #tenantId()}: nothing of another tenant is visible.
 *
 * @param userId    the user's stable id (for an API key: the user that owns the key)
 * @param extension the extension the user is bound to, if any (agents)
 * @param scopes    for an API key, what it may do (for example {@code events:read}); for a user
 *                  token, empty (the roles decide)
 */
public record Principal(
        String tenantId,
        String userId,
        String username,
        Set<Role> roles,
        Set<String> scopes,
        Optional<String> extension,
        Kind kind) {

    /** How the caller proved who it is. */
    public enum Kind {
        ACCESS_TOKEN,
        API_KEY
    }

    public Principal {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
