package io.ramal.api.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of API authentication, with units in the names' types.
 *
 * @param accessTokenLifetime  how long a JWT access token is accepted (default 10 minutes)
 * @param refreshTokenLifetime how long a refresh token may be exchanged (default 30 days; each
 *                             exchange issues a successor with a fresh lifetime)
 * @param bcryptCost           bcrypt work factor for new password hashes (default 11; 4 to 31)
 * @param lockout              lockout of login names after failed password checks
 * @param sourceRate           credential checks (password and MFA grants, MFA enrolment codes)
 *                             allowed per client address
 * @param mfaChallengeLifetime how long the nonce of an {@code mfa_required} answer may be used (default 5 minutes)
 * @param mfaMaxAttempts       codes that may be tried against one nonce (default 5)
 * @param defaultTenant        the tenant a login that names none goes to when more than one tenant
 *                             exists (for example {@code demo}); with exactly one tenant, that one
 * @param issuer               the {@code iss} of access tokens and the issuer shown by authenticator apps
 */
public record AuthConfig(
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        int bcryptCost,
        LockoutPolicy lockout,
        RatePolicy sourceRate,
        Duration mfaChallengeLifetime,
        int mfaMaxAttempts,
        Optional<String> defaultTenant,
        String issuer) {

    public static final AuthConfig DEFAULTS = new AuthConfig(
            Duration.ofMinutes(10),
            Duration.ofDays(30),
            11,
            LockoutPolicy.DEFAULTS,
            RatePolicy.CREDENTIAL_CHECKS,
            Duration.ofMinutes(5),
            5,
            Optional.empty(),
            "ramal");

    public AuthConfig {
        LockoutPolicy.requirePositive(accessTokenLifetime, "accessTokenLifetime");
        LockoutPolicy.requirePositive(refreshTokenLifetime, "refreshTokenLifetime");
        if (bcryptCost < 4 || bcryptCost > 31) {
            throw new IllegalArgumentException("bcryptCost must be between 4 and 31: " + bcryptCost);
        }
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(sourceRate, "sourceRate");
        LockoutPolicy.requirePositive(mfaChallengeLifetime, "mfaChallengeLifetime");
        if (mfaMaxAttempts < 1) {
            throw new IllegalArgumentException("mfaMaxAttempts must be at least 1: " + mfaMaxAttempts);
        }
        Objects.requireNonNull(defaultTenant, "defaultTenant");
        Objects.requireNonNull(issuer, "issuer");
    }

    public AuthConfig withAccessTokenLifetime(Duration lifetime) {
        return new AuthConfig(lifetime, refreshTokenLifetime, bcryptCost, lockout, sourceRate, mfaChallengeLifetime,
                mfaMaxAttempts, defaultTenant, issuer);
    }

    public AuthConfig withRefreshTokenLifetime(Duration lifetime) {
        return new AuthConfig(accessTokenLifetime, lifetime, bcryptCost, lockout, sourceRate, mfaChallengeLifetime,
                mfaMaxAttempts, defaultTenant, issuer);
    }

    public AuthConfig withBcryptCost(int cost) {
        return new AuthConfig(accessTokenLifetime, refreshTokenLifetime, cost, lockout, sourceRate,
                mfaChallengeLifetime, mfaMaxAttempts, defaultTenant, issuer);
    }

    public AuthConfig withLockout(LockoutPolicy policy) {
        return new AuthConfig(accessTokenLifetime, refreshTokenLifetime, bcryptCost, policy, sourceRate,
                mfaChallengeLifetime, mfaMaxAttempts, defaultTenant, issuer);
    }

    public AuthConfig withSourceRate(RatePolicy policy) {
        return new AuthConfig(accessTokenLifetime, refreshTokenLifetime, bcryptCost, lockout, policy,
                mfaChallengeLifetime, mfaMaxAttempts, defaultTenant, issuer);
    }

    public AuthConfig withMfa(Duration challengeLifetime, int maxAttempts) {
        return new AuthConfig(accessTokenLifetime, refreshTokenLifetime, bcryptCost, lockout, sourceRate,
                challengeLifetime, maxAttempts, defaultTenant, issuer);
    }

    public AuthConfig withDefaultTenant(String tenantId) {
        return new AuthConfig(accessTokenLifetime, refreshTokenLifetime, bcryptCost, lockout, sourceRate,
                mfaChallengeLifetime, mfaMaxAttempts, Optional.of(tenantId), issuer);
    }
}
