package io.ramal.api.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Roles;
import io.ramal.api.auth.Role;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.agent.AgentOutcome;
import io.ramal.cti.agent.AgentView;
import io.ramal.cti.agent.Interval;
import io.ramal.cti.agent.LogIn;
import io.ramal.cti.agent.LogonKind;
import io.ramal.cti.agent.PauseReason;
import io.ramal.store.AgentGroups;
import io.ramal.store.AgentPositions;
import io.ramal.store.Extensions;
import io.ramal.store.PauseReasons;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Agent sessions under {@code /api/v1/agents}: list and show agents, log in on a device (by
 * extension, position id or the IP address of a registered phone), log out, pause with a reason
 * (now or after the current call), become available, and an agent's groups. Agents act on
 * themselves; supervisors, admins, integrations and API keys ({@code calls:write}) on anyone of
 * their tenant. See {@code docs/agents-api.md}.
 */
public final class AgentRoutes {

    public static final String AGENTS = "/api/v1/agents";
    public static final String AGENT = AGENTS + "/{agent}";

    private final BearerAuthentication authentication;
    private final AgentDesk desk;
    private final Users users;
    private final Extensions extensions;
    private final AgentPositions positions;
    private final AgentGroups groups;
    private final PauseReasons reasons;
    private final RegisteredAddresses addresses;

    public AgentRoutes(BearerAuthentication authentication, AgentDesk desk, Users users, Extensions extensions,
            AgentPositions positions, AgentGroups groups, PauseReasons reasons, RegisteredAddresses addresses) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.users = Objects.requireNonNull(users, "users");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.reasons = Objects.requireNonNull(reasons, "reasons");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(AGENTS, this::list);
        routes.get(AGENT, this::show);
        routes.post(AGENT + "/login", this::logIn);
        routes.post(AGENT + "/logout", this::logOut);
        routes.post(AGENT + "/pause", this::pause);
        routes.post(AGENT + "/available", this::available);
        routes.get(AGENT + "/reasons", this::usableReasons);
        routes.put(AGENT + "/groups", this::setGroups);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String tenant = caller.tenantId();
        List<AgentView> known = desk.read(tenant, roster -> roster.agents());
        Map<String, AgentView> byId = new LinkedHashMap<>();
        known.forEach(a -> byId.put(a.agentId(), a));
        List<Map<String, Object>> agents = new ArrayList<>();
        for (User user : users.list(tenant)) {
            boolean agentRole = user.roles().contains(Roles.wireName(Role.AGENT));
            if (agentRole || byId.containsKey(user.id())) {
                agents.add(view(user, Optional.ofNullable(byId.get(user.id()))));
            }
        }
        Json.write(ctx, 200, Map.of("agents", agents));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        User target = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        Json.write(ctx, 200, view(target, desk.agent(caller.tenantId(), target.id())));
    }

    private void logIn(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User target = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, target);
        ObjectNode body = Json.readObject(ctx);
        Interval.Logon logon = logon(body);
        String tenant = caller.tenantId();
        String device = device(tenant, logon);
        List<PauseReason> usable = usable(tenant, target.id());
        boolean connected = desk.clientConnected(tenant, target.id());
        AgentOutcome outcome = desk.act(tenant, (roster, lines) -> roster.logIn(new LogIn(target.id(),
                target.username(), device, logon, usable, connected, caller.userId()), desk.now(), lines));
        refuseIfRefused(outcome);
        Map<String, Object> body201 = new LinkedHashMap<>(view(target, desk.agent(tenant, target.id())));
        List<Object> offered = new ArrayList<>();
        usable.forEach(r -> offered.add(r.toJson()));
        body201.put("reasons", offered);
        Json.write(ctx, 201, body201);
    }

    private void logOut(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User target = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, target);
        refuseIfRefused(desk.act(caller.tenantId(), (roster, lines) -> roster.logOut(target.id(), caller.userId(),
                desk.now())));
        Json.write(ctx, 200, view(target, desk.agent(caller.tenantId(), target.id())));
    }

    private void pause(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User target = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, target);
        ObjectNode body = Json.readObject(ctx);
        String reasonId = JsonFields.requiredText(body, "reason_id");
        boolean afterCall = JsonFields.optionalBoolean(body, "after_call").orElse(false);
        String tenant = caller.tenantId();
        PauseReason reason = reasons.find(tenant, reasonId)
                .orElseThrow(() -> new ApiException(404, "pause_reason_not_found", "no pause reason " + reasonId));
        if (!reason.usableBy(groups.of(tenant, target.id()))) {
            throw new ApiException(403, "pause_reason_not_allowed", "the groups of " + target.username()
                    + " may not use pause reason " + reason.name());
        }
        refuseIfRefused(desk.act(tenant, (roster, lines) -> roster.pause(target.id(), reason, afterCall,
                caller.userId(), desk.now(), lines)));
        Json.write(ctx, 200, view(target, desk.agent(tenant, target.id())));
    }

    private void available(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User target = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, target);
        refuseIfRefused(desk.act(caller.tenantId(), (roster, lines) -> roster.makeAvailable(target.id(),
                caller.userId(), desk.now())));
        Json.write(ctx, 200, view(target, desk.agent(caller.tenantId(), target.id())));
    }

    private void usableReasons(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        User target = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        List<Object> list = new ArrayList<>();
        usable(caller.tenantId(), target.id()).forEach(r -> list.add(r.toJson()));
        Json.write(ctx, 200, Map.of("reasons", list));
    }

    private void setGroups(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        User target = AgentTarget.resolve(users, admin, ctx.pathParam("agent"));
        List<String> names = JsonFields.optionalTextList(Json.readObject(ctx), "groups")
                .orElseThrow(() -> JsonFields.invalid("groups is required"));
        Set<String> set = new HashSet<>();
        for (String name : names) {
            set.add(PauseReasonRoutes.groupName(name));
        }
        groups.replace(admin.tenantId(), target.id(), set);
        Json.write(ctx, 200, view(target, desk.agent(admin.tenantId(), target.id())));
    }

    private List<PauseReason> usable(String tenant, String userId) {
        Set<String> mine = groups.of(tenant, userId);
        return reasons.list(tenant).stream().filter(r -> r.usableBy(mine)).toList();
    }

    /** Exactly one of {@code extension}, {@code position}, {@code ip}. */
    private static Interval.Logon logon(ObjectNode body) {
        List<Interval.Logon> given = new ArrayList<>();
        for (LogonKind kind : LogonKind.values()) {
            JsonFields.optionalText(body, kind.wire()).filter(v -> !v.isBlank())
                    .ifPresent(v -> given.add(new Interval.Logon(kind, v.strip())));
        }
        if (given.size() != 1) {
            throw JsonFields.invalid("give exactly one of extension, position or ip");
        }
        return given.getFirst();
    }

    private String device(String tenant, Interval.Logon logon) {
        return switch (logon.kind()) {
            case EXTENSION -> extensions.find(tenant, logon.value()).map(e -> e.number())
                    .orElseThrow(() -> new ApiException(404, "device_not_found", "no extension " + logon.value()));
            case POSITION -> positions.find(tenant, logon.value())
                    .orElseThrow(() -> new ApiException(404, "position_not_found", "no position " + logon.value()));
            case IP -> {
                Set<String> at = addresses.devicesAt(tenant, address(logon.value()));
                if (at.isEmpty()) {
                    throw new ApiException(404, "device_not_found", "no extension of this tenant is registered from "
                            + logon.value());
                }
                if (at.size() > 1) {
                    throw new ApiException(409, "address_ambiguous", "extensions " + new TreeSet<>(at)
                            + " are registered from " + logon.value() + "; log in by extension instead");
                }
                yield at.iterator().next();
            }
        };
    }

    /** A literal IPv4 or IPv6 address (never a name to look up). */
    private static InetAddress address(String text) {
        if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw JsonFields.invalid("ip must be a literal IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw JsonFields.invalid("ip must be a literal IPv4 or IPv6 address");
        }
    }

    static void refuseIfRefused(AgentOutcome outcome) {
        outcome.refusal().ifPresent(refusal -> {
            throw new ApiException(409, refusal.code().wire(), refusal.message());
        });
    }

    /** The agent as REST shows it: the roster's view (or logged out if never seen) and its groups. */
    private Map<String, Object> view(User user, Optional<AgentView> agent) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (agent.isPresent()) {
            v.putAll(agent.get().toJson());
        } else {
            v.put("agent_id", user.id());
            v.put("username", user.username());
            v.put("state", "logged_out");
            for (String key : List.of("device", "session_id", "logon", "logged_in_at", "reason", "interval_id", "since",
                    "pending_pause")) {
                v.put(key, null);
            }
            v.put("client_connected", false);
        }
        v.put("groups", List.copyOf(new TreeSet<>(groups.of(user.tenantId(), user.id()))));
        return v;
    }

}
