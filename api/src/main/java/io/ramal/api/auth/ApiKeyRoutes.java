package io.ramal.api.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.store.ApiKey;
import io.ramal.store.ApiKeys;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * API keys of the caller's tenant (role {@code admin} or scope {@code admin}):
 * {@code POST /api/v1/api-keys} creates one and shows its full text this once,
 * {@code GET /api/v1/api-keys} lists them without secrets, {@code DELETE /api/v1/api-keys/{id}}
 * revokes one. Another tenant's key is answered {@code 404 api_key_not_found}.
 */
public final class ApiKeyRoutes {

    public static final String KEYS = "/api/v1/api-keys";
    public static final String KEY = "/api/v1/api-keys/{id}";

    private final ApiKeys apiKeys;
    private final Users users;
    private final BearerAuthentication authentication;
    private final InstantSource clock;
    private final SecureRandom random;

    ApiKeyRoutes(ApiKeys apiKeys, Users users, BearerAuthentication authentication, InstantSource clock,
            SecureRandom random) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.users = Objects.requireNonNull(users, "users");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(KEYS, this::list);
        routes.post(KEYS, this::create);
        routes.get(KEY, this::show);
        routes.delete(KEY, this::revoke);
    }

    private void list(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.object();
        body.set("api_keys", Json.tree(
                apiKeys.list(principal.tenantId()).stream().map(ApiKeyView::of).toList()));
        Json.write(ctx, 200, body);
    }

    private void show(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        Json.write(ctx, 200, ApiKeyView.of(target(principal, ctx)));
    }

    private void create(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.readObject(ctx);
        String name = JsonFields.optionalText(body, "name").orElse("");
        if (name.length() > 100) {
            throw JsonFields.invalid("name must not exceed 100 characters");
        }
        Set<String> scopes = scopes(JsonFields.optionalTextList(body, "scopes")
                .orElseThrow(() -> JsonFields.invalid("scopes is required")));
        Instant now = clock.instant();
        Optional<Instant> expiresAt = JsonFields.optionalText(body, "expires_at").map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw JsonFields.invalid("expires_at must be an RFC 3339 time such as 2027-01-31T00:00:00Z");
            }
        });
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw JsonFields.invalid("expires_at must be in the future");
        }
        String ownerId = JsonFields.optionalText(body, "user_id").orElse(principal.userId());
        User owner = users.find(principal.tenantId(), ownerId)
                .orElseThrow(() -> new ApiException(404, "user_not_found", "no user " + ownerId));
        if (!owner.roles().contains(Roles.wireName(Role.ADMIN))) {
            for (String scope : scopes) {
                if (Scope.fromWireName(scope).orElseThrow().adminOnly()) {
                    throw new ApiException(400, "invalid_scope", "only a key owned by an admin may have the "
                            + scope + " scope");
                }
            }
        }
        ApiKeyCredential credential = ApiKeyCredential.generate(random);
        ApiKey key = ApiKey.create(credential.id(), principal.tenantId(), owner.id(), name, credential.secretDigest(),
                scopes, now, expiresAt);
        apiKeys.insert(key);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Location", KEYS + "/" + key.id());
        Json.write(ctx, 201, ApiKeyView.created(key, credential));
    }

    private void revoke(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        ApiKey key = target(principal, ctx);
        apiKeys.revoke(principal.tenantId(), key.id(), clock.instant());
        ctx.status(204);
    }

    private ApiKey target(Principal principal, Context ctx) {
        String id = ctx.pathParam("id");
        return apiKeys.find(principal.tenantId(), id)
                .orElseThrow(() -> new ApiException(404, "api_key_not_found", "no API key " + id));
    }

    private static Set<String> scopes(List<String> names) {
        if (names.isEmpty()) {
            throw new ApiException(400, "invalid_scope", "a key needs at least one scope");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : names) {
            Scope scope = Scope.fromWireName(name).orElseThrow(() -> new ApiException(400, "invalid_scope",
                    "unknown scope '" + name + "' (events:read, calls:read, calls:write, recordings:read, webhooks:admin, admin)"));
            scopes.add(scope.wireName());
        }
        return Set.copyOf(scopes);
    }
}
