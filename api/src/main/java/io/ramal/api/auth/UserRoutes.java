package io.ramal.api.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.store.Extensions;
import io.ramal.store.StoreException;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/me}, and the administration of the caller's tenant's users:
 * {@code GET/POST /api/v1/users}, {@code GET/PATCH/DELETE /api/v1/users/{id}} (role {@code admin}
 * or scope {@code admin}). Another tenant's user is answered {@code 404 user_not_found}, exactly
 * like a user that does not exist. The last enabled administrator of a tenant cannot be deleted,
 * disabled or demoted ({@code 409 last_admin}).
 */
public final class UserRoutes {

    public static final String ME = "/api/v1/me";
    public static final String USERS = "/api/v1/users";
    public static final String USER = "/api/v1/users/{id}";

    private final Users users;
    private final Extensions extensions;
    private final Passwords passwords;
    private final Sessions sessions;
    private final TotpEnrollment enrollment;
    private final BearerAuthentication authentication;
    private final InstantSource clock;

    UserRoutes(Users users, Extensions extensions, Passwords passwords, Sessions sessions, TotpEnrollment enrollment,
            BearerAuthentication authentication, InstantSource clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.enrollment = Objects.requireNonNull(enrollment, "enrollment");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(ME, this::me);
        routes.get(USERS, this::list);
        routes.post(USERS, this::create);
        routes.get(USER, this::show);
        routes.patch(USER, this::update);
        routes.delete(USER, this::delete);
    }

    private void me(Context ctx) {
        Principal principal = authentication.require(ctx);
        User user = users.find(principal.tenantId(), principal.userId())
                .orElseThrow(() -> new ApiException(401, "invalid_token", "the token's user no longer exists"));
        ObjectNode body = (ObjectNode) Json.tree(UserView.of(user));
        body.put("authenticated_by", principal.kind() == Principal.Kind.API_KEY ? "api_key" : "access_token");
        principal.scopes().stream().sorted().forEach(body.putArray("scopes")::add);
        Json.write(ctx, 200, body);
    }

    private void list(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.object();
        body.set("users", Json.tree(users.list(principal.tenantId()).stream().map(UserView::of).toList()));
        Json.write(ctx, 200, body);
    }

    private void show(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        Json.write(ctx, 200, UserView.of(target(principal, ctx)));
    }

    private void create(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.readObject(ctx);
        String username = LoginName.normalize(JsonFields.requiredText(body, "username"));
        if (!LoginName.USERNAME.matcher(username).matches()) {
            throw JsonFields.invalid("username must be 1 to 64 of a-z 0-9 . _ - and start with a letter or digit");
        }
        String password = acceptablePassword(JsonFields.requiredText(body, "password"));
        Set<String> roles = roles(JsonFields.optionalTextList(body, "roles")
                .orElseThrow(() -> JsonFields.invalid("roles is required")));
        Optional<String> extension = extension(principal.tenantId(), JsonFields.optionalText(body, "extension"));
        if (users.findByUsername(principal.tenantId(), username).isPresent()) {
            throw taken(username);
        }
        Instant now = clock.instant();
        User user = User.create(UUID.randomUUID().toString(), principal.tenantId(), username, passwords.hash(password),
                roles, extension, now);
        try {
            users.insert(user);
        } catch (StoreException e) {
            if (users.findByUsername(principal.tenantId(), username).isPresent()) {
                throw taken(username);
            }
            throw e;
        }
        ctx.header("Location", USERS + "/" + user.id());
        Json.write(ctx, 201, UserView.of(user));
    }

    private void update(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        User user = target(principal, ctx);
        ObjectNode body = Json.readObject(ctx);
        Instant now = clock.instant();
        User changed = user;
        boolean endSessions = false;
        Optional<String> password = JsonFields.optionalText(body, "password");
        if (password.isPresent()) {
            changed = changed.withPasswordHash(passwords.hash(acceptablePassword(password.get())), now);
            endSessions = true;
        }
        Optional<List<String>> roles = JsonFields.optionalTextList(body, "roles");
        if (roles.isPresent()) {
            changed = changed.withRoles(roles(roles.get()), now);
        }
        if (JsonFields.has(body, "extension")) {
            Optional<String> extension = extension(principal.tenantId(), JsonFields.optionalText(body, "extension"));
            changed = changed.withExtension(extension, now);
        }
        Optional<Boolean> disabled = JsonFields.optionalBoolean(body, "disabled");
        if (disabled.isPresent()) {
            changed = changed.withDisabled(disabled.get(), now);
            endSessions |= disabled.get();
        }
        Optional<Boolean> mfa = JsonFields.optionalBoolean(body, "mfa_enabled");
        if (mfa.isPresent() && mfa.get()) {
            throw JsonFields.invalid("mfa_enabled can only be set to false here; users enrol themselves at "
                    + AuthRoutes.TOTP);
        }
        if (isEnabledAdmin(user) && !isEnabledAdmin(changed)) {
            requireAnotherAdmin(user);
        }
        users.update(changed);
        if (mfa.isPresent() && user.totpSecret().isPresent()) {
            enrollment.reset(changed, now);
        }
        if (endSessions) {
            sessions.revokeAll(user.id(), now);
        }
        Json.write(ctx, 200, UserView.of(users.find(user.tenantId(), user.id()).orElseThrow()));
    }

    private void delete(Context ctx) {
        Principal principal = authentication.require(ctx, Permission.ADMIN);
        User user = target(principal, ctx);
        if (isEnabledAdmin(user)) {
            requireAnotherAdmin(user);
        }
        users.delete(principal.tenantId(), user.id());
        ctx.status(204);
    }

    private User target(Principal principal, Context ctx) {
        String id = ctx.pathParam("id");
        return users.find(principal.tenantId(), id)
                .orElseThrow(() -> new ApiException(404, "user_not_found", "no user " + id));
    }

    private void requireAnotherAdmin(User user) {
        boolean another = users.list(user.tenantId()).stream()
                .anyMatch(other -> !other.id().equals(user.id()) && isEnabledAdmin(other));
        if (!another) {
            throw new ApiException(409, "last_admin", "the tenant would be left without an enabled admin");
        }
    }

    private static boolean isEnabledAdmin(User user) {
        return !user.disabled() && user.roles().contains(Roles.wireName(Role.ADMIN));
    }

    private Optional<String> extension(String tenantId, Optional<String> number) {
        if (number.isPresent() && extensions.find(tenantId, number.get()).isEmpty()) {
            throw new ApiException(400, "unknown_extension", "the tenant has no extension " + number.get());
        }
        return number;
    }

    private static String acceptablePassword(String password) {
        Passwords.problem(password).ifPresent(problem -> {
            throw new ApiException(400, "weak_password", problem);
        });
        return password;
    }

    private static Set<String> roles(List<String> names) {
        if (names.isEmpty()) {
            throw JsonFields.invalid("a user needs at least one role");
        }
        for (String name : names) {
            if (Roles.fromWireName(name).isEmpty()) {
                throw JsonFields.invalid("unknown role '" + name + "' (admin, supervisor, agent, integration)");
            }
        }
        return Set.copyOf(names);
    }

    private static ApiException taken(String username) {
        return new ApiException(409, "username_taken", "the tenant already has a user " + username);
    }
}
