package io.ramal.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed access token says: who (user and tenant), with which roles at issue time, for
 * which client, and until when. {@code tokenId} is the JWT {@code jti}.
 */
public record AccessClaims(
        String tenantId,
        String userId,
        String username,
        Set<Role> roles,
        Optional<String> extension,
        String clientId,
        String tokenId,
        Instant issuedAt,
        Instant expiresAt) {

    public AccessClaims {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
