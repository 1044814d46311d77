package io.ramal.api.auth;

import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grants of the token endpoint. The password grant runs one visible pipeline:
 * source throttle → tenant → lockout → bcrypt (always, even for unknown names) → second factor
 * or tokens. Nothing here logs a password, token, nonce or code.
 */
public final class TokenGrants {

    private static final Logger LOG = LoggerFactory.getLogger(TokenGrants.class);

    private final Users users;
    private final LoginTenants tenants;
    private final Passwords passwords;
    private final Lockout lockout;
    private final SourceThrottle throttle;
    private final SecondFactor secondFactor;
    private final Sessions sessions;

    TokenGrants(Users users, LoginTenants tenants, Passwords passwords, Lockout lockout, SourceThrottle throttle,
            SecondFactor secondFactor, Sessions sessions) {
        this.users = Objects.requireNonNull(users, "users");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.secondFactor = Objects.requireNonNull(secondFactor, "secondFactor");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** {@code grant_type=password}; {@code source} is the client's address. */
    public GrantOutcome password(LoginName name, String password, String clientId, String source, Instant now) {
        Optional<Duration> wait = throttle.acquire(source, now);
        if (wait.isPresent()) {
            LOG.atInfo().addKeyValue("source", source).log("login throttled");
            return GrantOutcome.Refused.throttled(wait.get());
        }
        Optional<String> tenant = tenants.resolve(name.tenant());
        if (tenant.isEmpty() || !LoginName.USERNAME.matcher(name.username()).matches()) {
            passwords.burn(password);
            LOG.atInfo().addKeyValue("source", source).log("login refused: no such tenant or malformed name");
            return GrantOutcome.Refused.invalidGrant("wrong username or password");
        }
        String tenantId = tenant.get();
        Optional<Instant> locked = lockout.lockedUntil(tenantId, name.username(), now);
        if (locked.isPresent()) {
            return GrantOutcome.Refused.locked(retryAfter(now, locked.get()));
        }
        Optional<User> user = users.findByUsername(tenantId, name.username());
        boolean matches;
        if (user.isPresent()) {
            matches = passwords.matches(password, user.get().passwordHash());
        } else {
            passwords.burn(password);
            matches = false;
        }
        if (!matches || user.get().disabled()) {
            Optional<Instant> lockedNow = lockout.recordFailure(tenantId, name.username(), now);
            LOG.atInfo().addKeyValue("tenant", tenantId).addKeyValue("user", user.map(User::id).orElse("(unknown)"))
                    .addKeyValue("source", source).addKeyValue("locked", lockedNow.isPresent())
                    .log("login refused");
            return lockedNow.<GrantOutcome>map(until -> GrantOutcome.Refused.locked(retryAfter(now, until)))
                    .orElseGet(() -> GrantOutcome.Refused.invalidGrant("wrong username or password"));
        }
        lockout.recordSuccess(tenantId, name.username());
        User found = user.get();
        if (found.totpEnabled()) {
            String nonce = secondFactor.challenge(found, clientId, now);
            LOG.atInfo().addKeyValue("tenant", tenantId).addKeyValue("user", found.id()).log("login needs second factor");
            return new GrantOutcome.MfaRequired(nonce, secondFactor.challengeLifetime());
        }
        LOG.atInfo().addKeyValue("tenant", tenantId).addKeyValue("user", found.id()).addKeyValue("client", clientId)
                .log("login");
        return new GrantOutcome.Issued(sessions.start(found, clientId, now));
    }

    /** {@code grant_type=mfa}: completes a login that answered {@code mfa_required}. */
    public GrantOutcome mfa(String nonce, String code, String source, Instant now) {
        Optional<Duration> wait = throttle.acquire(source, now);
        if (wait.isPresent()) {
            return GrantOutcome.Refused.throttled(wait.get());
        }
        return switch (secondFactor.complete(nonce, code, now)) {
            case SecondFactor.Completion.Passed passed -> {
                LOG.atInfo().addKeyValue("tenant", passed.user().tenantId()).addKeyValue("user", passed.user().id())
                        .addKeyValue("client", passed.clientId()).log("login with second factor");
                yield new GrantOutcome.Issued(sessions.start(passed.user(), passed.clientId(), now));
            }
            case SecondFactor.Completion.Failed failed -> {
                LOG.atInfo().addKeyValue("source", source).log("second factor refused");
                yield GrantOutcome.Refused.invalidGrant(failed.message());
            }
        };
    }

    /** {@code grant_type=refresh_token}: rotates the refresh token. */
    public GrantOutcome refresh(String refreshToken, Optional<String> clientId, Instant now) {
        return sessions.refresh(refreshToken, clientId, now);
    }

    /** Ends the session of a refresh token (RFC 7009); unknown tokens are ignored. */
    public void revoke(String refreshToken, Instant now) {
        sessions.revoke(refreshToken, now);
    }

    private static Duration retryAfter(Instant now, Instant until) {
        Duration left = Duration.between(now, until);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
