package io.ramal.api.auth;

import io.ramal.store.ApiKey;
import io.ramal.store.ApiKeys;
import io.ramal.store.User;
import io.ramal.store.Tenants;
import io.ramal.store.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link BearerVerifier} of the API: a credential starting {@code rml_} is an API key, anything
 * else an access token. Both must lead to an existing, enabled user of the same tenant; the answer
 * reflects the user as stored now (roles, extension), not as it was when the token was issued.
 * An API key's {@code last_used_at} is updated at most once a minute. Nothing of a disabled tenant
 * is accepted ({@code tenant_disabled}).
 */
public final class StoreBearerVerifier implements BearerVerifier {

    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final AccessTokens accessTokens;
    private final Users users;
    private final ApiKeys apiKeys;
    private final Tenants tenants;

    public StoreBearerVerifier(AccessTokens accessTokens, Users users, ApiKeys apiKeys, Tenants tenants) {
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
        this.users = Objects.requireNonNull(users, "users");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    @Override
    public Verification verify(String credential, Instant now) {
        Objects.requireNonNull(credential, "credential");
        Verification verification = ApiKeyCredential.looksLikeApiKey(credential)
                ? verifyApiKey(credential, now)
                : verifyAccessToken(credential, now);
        if (verification instanceof Verification.Valid valid && tenants.disabled(valid.principal().tenantId())) {
            return rejected("tenant_disabled", "the tenant is disabled");
        }
        return verification;
    }

    private Verification verifyAccessToken(String token, Instant now) {
        return switch (accessTokens.check(token, now)) {
            case AccessTokens.Check.Expired expired -> rejected("token_expired", "the access token expired");
            case AccessTokens.Check.Invalid invalid ->
                    rejected("invalid_token", "invalid access token: " + invalid.reason());
            case AccessTokens.Check.Valid valid -> {
                AccessClaims claims = valid.claims();
                Optional<User> user = users.find(claims.tenantId(), claims.userId());
                if (user.isEmpty() || user.get().disabled()) {
                    yield rejected("invalid_token", "the token's user no longer exists or is disabled");
                }
                User u = user.get();
                yield new Verification.Valid(new Principal(u.tenantId(), u.id(), u.username(),
                        Roles.fromWireNames(u.roles()), Set.of(), u.extension(), Principal.Kind.ACCESS_TOKEN),
                        claims.expiresAt());
            }
        };
    }

    private Verification verifyApiKey(String text, Instant now) {
        Optional<ApiKeyCredential> credential = ApiKeyCredential.parse(text);
        Optional<ApiKey> stored = credential.flatMap(c -> apiKeys.findById(c.id()));
        if (stored.isEmpty() || !Secrets.sameDigest(credential.get().secretDigest(), stored.get().secretHash())) {
            return rejected("invalid_token", "unknown API key");
        }
        ApiKey key = stored.get();
        if (key.revokedAt().isPresent()) {
            return rejected("key_revoked", "the API key was revoked");
        }
        if (key.expiresAt().filter(expiry -> !now.isBefore(expiry)).isPresent()) {
            return rejected("token_expired", "the API key expired");
        }
        Optional<User> owner = users.find(key.tenantId(), key.userId());
        if (owner.isEmpty() || owner.get().disabled()) {
            return rejected("invalid_token", "the API key's owner no longer exists or is disabled");
        }
        User user = owner.get();
        Set<String> scopes = new HashSet<>(key.scopes());
        if (!Roles.fromWireNames(user.roles()).contains(Role.ADMIN)) {
            // a key never does more than its owner may
            for (Scope scope : Scope.values()) {
                if (scope.adminOnly()) {
                    scopes.remove(scope.wireName());
                }
            }
        }
        apiKeys.touch(key.id(), now, LAST_USED_RESOLUTION);
        return new Verification.Valid(new Principal(key.tenantId(), user.id(), user.username(), Set.of(), scopes,
                user.extension(), Principal.Kind.API_KEY), key.expiresAt().orElse(Instant.MAX));
    }

    private static Verification rejected(String code, String message) {
        return new Verification.Rejected(code, message);
    }
}
