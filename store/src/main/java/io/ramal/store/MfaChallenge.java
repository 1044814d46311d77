package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A password login that still needs its second factor, stored by the SHA-256 hex digest of the
 * nonce handed to the client.
 *
 * @param attempts how many codes were tried against it
 * @param usedAt   when it completed a login (it completes at most one)
 */
public record MfaChallenge(
        String nonceHash,
        String tenantId,
        String userId,
        String clientId,
        Instant createdAt,
        Instant expiresAt,
        int attempts,
        Optional<Instant> usedAt) {

    public MfaChallenge {
        Text.requireNonBlank(nonceHash, "nonceHash");
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(userId, "userId");
        Text.requireNonBlank(clientId, "clientId");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.MILLIS);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        usedAt = usedAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    public static MfaChallenge open(
            String nonceHash, String tenantId, String userId, String clientId, Instant now, Instant expiresAt) {
        return new MfaChallenge(nonceHash, tenantId, userId, clientId, now, expiresAt, 0, Optional.empty());
    }
}
