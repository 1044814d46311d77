package io.ramal.api.auth;

import io.ramal.store.RefreshToken;
import io.ramal.store.RefreshTokens;
import io.ramal.store.User;
import io.ramal.store.Tenants;
import io.ramal.store.Users;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login sessions as families of rotating refresh tokens. A login starts a family; each refresh
 * exchanges the presented token for a successor (and a new access token) and marks it rotated.
 * A rotated token presented again means two parties hold the family, one of them a thief: the
 * whole family is revoked and both must log in again (RFC 9700 §4.14.2).
 */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final int TOKEN_BYTES = 32;

    private final RefreshTokens refreshTokens;
    private final Users users;
    private final Tenants tenants;
    private final AccessTokens accessTokens;
    private final Duration refreshLifetime;
    private final SecureRandom random;

    Sessions(RefreshTokens refreshTokens, Users users, Tenants tenants, AccessTokens accessTokens,
            Duration refreshLifetime, SecureRandom random) {
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.users = Objects.requireNonNull(users, "users");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
        this.refreshLifetime = Objects.requireNonNull(refreshLifetime, "refreshLifetime");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Tokens for a user who just proved who they are: a new family. */
    TokenResponse start(User user, String clientId, Instant now) {
        return issue(user, UUID.randomUUID().toString(), clientId, now);
    }

    /** The refresh grant. {@code clientId}, when given, must be the client the token was issued to. */
    GrantOutcome refresh(String presented, Optional<String> clientId, Instant now) {
        String hash = Secrets.sha256Hex(presented);
        Optional<RefreshToken> found = refreshTokens.find(hash);
        if (found.isEmpty()) {
            return GrantOutcome.Refused.invalidGrant("unknown refresh token");
        }
        RefreshToken token = found.get();
        if (clientId.isPresent() && !clientId.get().equals(token.clientId())) {
            return GrantOutcome.Refused.invalidGrant("the refresh token was issued to another client");
        }
        if (token.revokedAt().isPresent()) {
            return GrantOutcome.Refused.invalidGrant("the refresh token was revoked");
        }
        if (!now.isBefore(token.expiresAt())) {
            return GrantOutcome.Refused.invalidGrant("the refresh token expired");
        }
        if (token.rotatedAt().isPresent() || !refreshTokens.rotate(hash, now)) {
            int revoked = refreshTokens.revokeFamily(token.familyId(), now);
            LOG.atWarn().addKeyValue("tenant", token.tenantId()).addKeyValue("user", token.userId())
                    .addKeyValue("family", token.familyId()).addKeyValue("revoked", revoked)
                    .log("refresh token reused: session revoked");
            return GrantOutcome.Refused.invalidGrant("the refresh token was already used; the session is revoked");
        }
        Optional<User> user = users.find(token.tenantId(), token.userId())
                .filter(u -> !u.disabled() && !tenants.disabled(u.tenantId()));
        if (user.isEmpty()) {
            refreshTokens.revokeFamily(token.familyId(), now);
            return GrantOutcome.Refused.invalidGrant("the user no longer exists or is disabled");
        }
        return new GrantOutcome.Issued(issue(user.get(), token.familyId(), token.clientId(), now));
    }

    /** Ends the session the token belongs to; unknown tokens are ignored (RFC 7009 §2.2). */
    void revoke(String presented, Instant now) {
        refreshTokens.find(Secrets.sha256Hex(presented)).ifPresent(token -> {
            refreshTokens.revokeFamily(token.familyId(), now);
            LOG.atInfo().addKeyValue("tenant", token.tenantId()).addKeyValue("user", token.userId())
                    .addKeyValue("family", token.familyId()).log("session revoked");
        });
    }

    /** Ends every session of the user (password changed, user disabled). */
    void revokeAll(String userId, Instant now) {
        refreshTokens.revokeUser(userId, now);
    }

    private TokenResponse issue(User user, String familyId, String clientId, Instant now) {
        String refreshToken = Secrets.randomToken(random, TOKEN_BYTES);
        refreshTokens.insert(RefreshToken.issue(Secrets.sha256Hex(refreshToken), familyId, user.tenantId(), user.id(),
                clientId, now, now.plus(refreshLifetime)));
        AccessTokens.Issued access = accessTokens.issue(user.tenantId(), user.id(), user.username(),
                Roles.fromWireNames(user.roles()), user.extension(), clientId, now);
        return TokenResponse.bearer(access.token(), accessTokens.lifetime().toSeconds(), refreshToken);
    }
}
