package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A refresh token as stored: only the SHA-256 hex digest of the opaque token the client holds.
 *
 * @param familyId  shared by a token and all its successors (one login session)
 * @param clientId  the OAuth client the token was issued to; only that client may exchange it
 * @param rotatedAt when it was exchanged for a successor (presenting it again is reuse)
 * @param revokedAt when it was revoked (logout, reuse detected, password change, user disabled)
 */
public record RefreshToken(
        String tokenHash,
        String familyId,
        String tenantId,
        String userId,
        String clientId,
        Instant issuedAt,
        Instant expiresAt,
        Optional<Instant> rotatedAt,
        Optional<Instant> revokedAt) {

    public RefreshToken {
        Text.requireNonBlank(tokenHash, "tokenHash");
        Text.requireNonBlank(familyId, "familyId");
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(userId, "userId");
        Text.requireNonBlank(clientId, "clientId");
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.MILLIS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MILLIS);
        rotatedAt = rotatedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
        revokedAt = revokedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A fresh token, neither rotated nor revoked. */
    public static RefreshToken issue(
            String tokenHash, String familyId, String tenantId, String userId, String clientId,
            Instant issuedAt, Instant expiresAt) {
        return new RefreshToken(tokenHash, familyId, tenantId, userId, clientId, issuedAt, expiresAt,
                Optional.empty(), Optional.empty());
    }

    /** Neither rotated, revoked nor expired at {@code now}. */
    public boolean isActive(Instant now) {
        return rotatedAt.isEmpty() && revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
