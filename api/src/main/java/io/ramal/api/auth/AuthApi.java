package io.ramal.api.auth;

import io.javalin.config.RoutesConfig;
import io.ramal.api.http.ApiErrors;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.store.ApiKeys;
import io.ramal.store.Extensions;
import io.ramal.store.LoginAttempts;
import io.ramal.store.MfaChallenges;
import io.ramal.store.RecoveryCodes;
import io.ramal.store.RefreshTokens;
import io.ramal.store.Tenants;
import io.ramal.store.Users;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Authentication and tenancy of the API, assembled: the token, MFA, users and API-key endpoints
 * ({@link #addTo}), the {@link BearerVerifier} the other endpoints and the event stream use
 * ({@link #verifier()}, {@link #authentication()}), and the demo users ({@link #demoUsers()}).
 */
public final class AuthApi {

    private final AuthConfig config;
    private final Passwords passwords;
    private final StoreBearerVerifier verifier;
    private final BearerAuthentication authentication;
    private final AuthRoutes authRoutes;
    private final UserRoutes userRoutes;
    private final ApiKeyRoutes apiKeyRoutes;
    private final DemoUsers demoUsers;
    private final RefreshTokens refreshTokens;
    private final MfaChallenges mfaChallenges;
    private final LoginAttempts loginAttempts;

    public AuthApi(DataSource dataSource, AuthConfig config, TokenSecret secret, InstantSource clock,
            SecureRandom random) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Users users = new Users(dataSource);
        ApiKeys apiKeys = new ApiKeys(dataSource);
        RecoveryCodes recoveryCodes = new RecoveryCodes(dataSource);
        this.refreshTokens = new RefreshTokens(dataSource);
        this.mfaChallenges = new MfaChallenges(dataSource);
        this.loginAttempts = new LoginAttempts(dataSource);
        this.passwords = new Passwords(config.bcryptCost(), random);
        AccessTokens accessTokens = new AccessTokens(secret, config.issuer(), config.accessTokenLifetime());
        Tenants tenants = new Tenants(dataSource);
        this.verifier = new StoreBearerVerifier(accessTokens, users, apiKeys, tenants);
        this.authentication = new BearerAuthentication(verifier, clock);
        Totp totp = new Totp();
        SourceThrottle throttle = new SourceThrottle(config.sourceRate());
        Sessions sessions = new Sessions(refreshTokens, users, tenants, accessTokens, config.refreshTokenLifetime(),
                random);
        SecondFactor secondFactor = new SecondFactor(users, recoveryCodes, mfaChallenges, totp,
                config.mfaChallengeLifetime(), config.mfaMaxAttempts(), random);
        TotpEnrollment enrollment = new TotpEnrollment(users, recoveryCodes, secondFactor, totp, config.issuer(), random);
        TokenGrants grants = new TokenGrants(users, new LoginTenants(dataSource, config.defaultTenant()), passwords,
                new Lockout(loginAttempts, config.lockout()), throttle, secondFactor, sessions);
        this.authRoutes = new AuthRoutes(grants, enrollment, users, recoveryCodes, authentication, throttle, clock);
        this.userRoutes = new UserRoutes(users, new Extensions(dataSource), passwords, sessions, enrollment,
                authentication, clock);
        this.apiKeyRoutes = new ApiKeyRoutes(apiKeys, users, authentication, clock, random);
        this.demoUsers = new DemoUsers(dataSource, passwords, clock);
    }

    /**
     * Mounts the endpoints under {@code /api/v1} ({@code auth/*}, {@code me}, {@code users},
     * {@code api-keys}) and the {@link ApiErrors} mapping (installing that twice is harmless).
     */
    public void addTo(RoutesConfig routes) {
        ApiErrors.install(routes);
        authRoutes.addTo(routes);
        userRoutes.addTo(routes);
        apiKeyRoutes.addTo(routes);
    }

    /** Resolves access tokens and API keys; for the event stream and every other endpoint. */
    public BearerVerifier verifier() {
        return verifier;
    }

    /** {@link #verifier()} applied to a request's {@code Authorization} header. */
    public BearerAuthentication authentication() {
        return authentication;
    }

    public Passwords passwords() {
        return passwords;
    }

    public DemoUsers demoUsers() {
        return demoUsers;
    }

    /**
     * Deletes expired refresh tokens and MFA challenges and stale login counters; returns how many
     * rows went. Call it now and then (hourly is plenty).
     */
    public int purgeExpired(Instant now) {
        Duration counters = config.lockout().window().plus(config.lockout().lockFor());
        return refreshTokens.purgeExpired(now) + mfaChallenges.purgeExpired(now)
                + loginAttempts.purge(now.minus(counters));
    }
}
