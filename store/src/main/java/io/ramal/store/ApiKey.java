package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A key an integration presents instead of a user token, acting for {@code userId} within
 * {@code scopes}. Only the SHA-256 hex digest of its secret part is stored;
 * {@link #toString()} leaves it out.
 */
public record ApiKey(
        String id,
        String tenantId,
        String userId,
        String name,
        String secretHash,
        Set<String> scopes,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {

    public ApiKey {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(userId, "userId");
        Objects.requireNonNull(name, "name");
        Text.requireNonBlank(secretHash, "secretHash");
        scopes = Set.copyOf(scopes);
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        expiresAt = expiresAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
        lastUsedAt = lastUsedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
        revokedAt = revokedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A new key, never used. */
    public static ApiKey create(
            String id, String tenantId, String userId, String name, String secretHash, Set<String> scopes,
            Instant now, Optional<Instant> expiresAt) {
        return new ApiKey(id, tenantId, userId, name, secretHash, scopes, now, expiresAt, Optional.empty(),
                Optional.empty());
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", tenantId=" + tenantId + ", userId=" + userId + ", name=" + name
                + ", scopes=" + scopes + ", expiresAt=" + expiresAt + ", revokedAt=" + revokedAt + "]";
    }
}
