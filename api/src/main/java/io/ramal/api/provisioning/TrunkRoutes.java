package io.ramal.api.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.store.Trunk;
import io.ramal.store.TrunkAuth;
import io.ramal.store.TrunkTransport;
import io.ramal.store.Trunks;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's trunks under {@code /api/v1/trunks}, for its admins: the providers that carry its
 * calls to and from outside numbers. Every change reaches the PBX at once ({@code changed} drops
 * its cached directory and brings registrations in line): a new registering trunk registers, a
 * changed one registers again, a deleted one unregisters (Expires: 0) and carries no new call.
 * The password is write-only; it is kept sealed under the server's secrets key, since the PBX must
 * read it back to answer the provider's challenges.
 *
 * <p>Deleting a trunk is allowed even while outbound routing relies on it: calls in progress go
 * on, and new calls to numbers no other trunk carries are refused with SIP
 * {@code 404 No Route To External Numbers} (a trunk is not referenced by anything else, so nothing
 * is left dangling).
 */
public final class TrunkRoutes {

    public static final String TRUNKS = "/api/v1/trunks";
    public static final String TRUNK = TRUNKS + "/{name}";
    private static final int DEFAULT_PORT = 5060;

    private final BearerAuthentication authentication;
    private final Trunks trunks;
    private final ConfigListed config;
    private final TrunkStatuses statuses;
    private final Runnable changed;

    /**
     * @param statuses where each trunk's registration stands (the PBX)
     * @param changed  called after every change, so the PBX reads its trunks again
     */
    public TrunkRoutes(BearerAuthentication authentication, Trunks trunks, ConfigListed config, TrunkStatuses statuses,
            Runnable changed) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.trunks = Objects.requireNonNull(trunks, "trunks");
        this.config = Objects.requireNonNull(config, "config");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(TRUNKS, this::list);
        routes.post(TRUNKS, this::create);
        routes.get(TRUNK, this::show);
        routes.patch(TRUNK, this::update);
        routes.delete(TRUNK, this::delete);
    }

    private void list(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        List<Map<String, Object>> all = trunks.list(admin.tenantId()).stream().map(this::view).toList();
        Json.write(ctx, 200, Map.of("trunks", all));
    }

    private void show(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Json.write(ctx, 200, view(target(admin, ctx)));
    }

    private void create(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.readObject(ctx);
        String name = TrunkFields.name(JsonFields.requiredText(body, "name"));
        Draft draft = new Draft(TrunkFields.host(JsonFields.requiredText(body, "host")), DEFAULT_PORT,
                TrunkTransport.UDP, Optional.empty(), Optional.empty(), Optional.empty(), false,
                Trunk.DEFAULT_REGISTER_EXPIRY, Set.of(), Optional.empty(), Set.of()).with(body);
        if (trunks.find(admin.tenantId(), name).isPresent()) {
            throw new ApiException(409, "trunk_exists", "trunk " + name + " exists already");
        }
        Trunk created = draft.toTrunk(admin.tenantId(), name);
        trunks.save(created);
        changed.run();
        ctx.header("Location", TRUNKS + "/" + name);
        Json.write(ctx, 201, view(created));
    }

    private void update(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Trunk current = target(admin, ctx);
        ConfigListed.refuseChange(config.trunk(admin.tenantId(), current.name()), "trunk " + current.name());
        ObjectNode body = Json.readObject(ctx);
        if (JsonFields.has(body, "name") && !JsonFields.optionalText(body, "name").orElse("").equals(current.name())) {
            throw JsonFields.invalid("a trunk cannot be renamed: create another and delete this one");
        }
        Trunk next = Draft.of(current).with(body).toTrunk(current.tenantId(), current.name());
        trunks.save(next);
        changed.run();
        Json.write(ctx, 200, view(next));
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Trunk current = target(admin, ctx);
        ConfigListed.refuseChange(config.trunk(admin.tenantId(), current.name()), "trunk " + current.name());
        trunks.delete(admin.tenantId(), current.name());
        changed.run();
        ctx.status(204);
    }

    private Trunk target(Principal admin, Context ctx) {
        String name = ctx.pathParam("name");
        return trunks.find(admin.tenantId(), name)
                .orElseThrow(() -> new ApiException(404, "trunk_not_found", "no trunk " + name));
    }

    private Map<String, Object> view(Trunk t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", t.name());
        v.put("host", t.host());
        v.put("port", t.port());
        v.put("transport", t.transport().wireName());
        v.put("username", t.auth().map(TrunkAuth::username).orElse(null));
        v.put("password_set", t.auth().map(a -> !a.password().isEmpty()).orElse(false));
        v.put("realm", t.auth().flatMap(TrunkAuth::realm).orElse(null));
        v.put("register", t.register());
        v.put("register_expiry", t.registerExpiry().toSeconds());
        v.put("outbound_prefixes", new TreeSet<>(t.outboundPrefixes()));
        v.put("caller_id", t.callerId().orElse(null));
        v.put("inbound_sources", new TreeSet<>(t.inboundSources()));
        v.put("managed_by", ConfigListed.managedBy(config.trunk(t.tenantId(), t.name())));
        v.put("registration", registration(t));
        return v;
    }

    private Map<String, Object> registration(Trunk t) {
        Optional<TrunkStatus> status = t.register() ? statuses.of(t.tenantId(), t.name()) : Optional.empty();
        Map<String, Object> r = new LinkedHashMap<>();
        String state = status.map(TrunkStatus::state).orElse(t.register() ? "registering" : "off");
        r.put("state", state);
        r.put("registered", state.equals("registered"));
        r.put("expires_at", status.flatMap(TrunkStatus::expires).map(Instant::toString).orElse(null));
        r.put("last_error", status.flatMap(TrunkStatus::lastError).orElse(null));
        r.put("next_attempt", status.flatMap(TrunkStatus::nextAttempt).map(Instant::toString).orElse(null));
        return r;
    }

    /** A trunk's settings while a request changes them; the tenant and name are fixed. */
    private record Draft(String host, int port, TrunkTransport transport, Optional<String> username,
            Optional<String> password, Optional<String> realm, boolean register, Duration registerExpiry,
            Set<String> outboundPrefixes, Optional<String> callerId, Set<String> inboundSources) {

        static Draft of(Trunk t) {
            return new Draft(t.host(), t.port(), t.transport(), t.auth().map(TrunkAuth::username),
                    t.auth().map(TrunkAuth::password), t.auth().flatMap(TrunkAuth::realm), t.register(),
                    t.registerExpiry(), t.outboundPrefixes(), t.callerId(), t.inboundSources());
        }

        /**
         * This draft with what {@code body} sets. A field that is absent stays; {@code null} clears
         * {@code username} (and with it the password and realm), {@code password}, {@code realm},
         * {@code caller_id}, and empties the lists.
         */
        Draft with(ObjectNode body) {
            String nextHost = JsonFields.optionalText(body, "host").map(TrunkFields::host).orElse(host);
            int nextPort = JsonFields.optionalInt(body, "port", 1, 65_535).orElse(port);
            TrunkTransport nextTransport = JsonFields.optionalText(body, "transport")
                    .map(text -> TrunkFields.transport(text.toLowerCase(Locale.ROOT))).orElse(transport);
            Optional<String> nextUser = JsonFields.has(body, "username")
                    ? JsonFields.optionalText(body, "username").map(TrunkFields::username) : username;
            Optional<String> nextPassword = JsonFields.has(body, "password")
                    ? JsonFields.optionalText(body, "password").map(TrunkFields::password) : password;
            Optional<String> nextRealm = JsonFields.has(body, "realm")
                    ? JsonFields.optionalText(body, "realm").map(TrunkFields::realm) : realm;
            if (nextUser.isEmpty()) {
                if (JsonFields.optionalText(body, "password").isPresent()) {
                    throw new ApiException(400, "credentials_incomplete", "a password needs a username");
                }
                nextPassword = Optional.empty();
                nextRealm = Optional.empty();
            }
            boolean nextRegister = JsonFields.optionalBoolean(body, "register").orElse(register);
            Duration nextExpiry = JsonFields.optionalInt(body, "register_expiry", TrunkFields.MIN_EXPIRY,
                    TrunkFields.MAX_EXPIRY).map(Duration::ofSeconds).orElse(registerExpiry);
            Set<String> nextPrefixes = JsonFields.has(body, "outbound_prefixes")
                    ? TrunkFields.outboundPrefixes(JsonFields.optionalTextList(body, "outbound_prefixes").orElse(List.of()))
                    : outboundPrefixes;
            Optional<String> nextCallerId = JsonFields.has(body, "caller_id")
                    ? JsonFields.optionalText(body, "caller_id").map(TrunkFields::callerId) : callerId;
            Set<String> nextSources = JsonFields.has(body, "inbound_sources")
                    ? TrunkFields.inboundSources(JsonFields.optionalTextList(body, "inbound_sources").orElse(List.of()))
                    : inboundSources;
            if (nextRegister && (nextUser.isEmpty() || nextPassword.isEmpty())) {
                throw new ApiException(400, "credentials_incomplete", "a trunk that registers needs a username and a password");
            }
            return new Draft(nextHost, nextPort, nextTransport, nextUser, nextPassword, nextRealm, nextRegister,
                    nextExpiry, nextPrefixes, nextCallerId, nextSources);
        }

        Trunk toTrunk(String tenantId, String name) {
            Optional<TrunkAuth> auth = username.map(user -> new TrunkAuth(user, password.orElse(""), realm));
            return new Trunk(tenantId, name, host, port, transport, auth, register, registerExpiry, outboundPrefixes,
                    callerId, inboundSources);
        }
    }
}
