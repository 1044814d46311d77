package io.ramal.api.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.agents.AgentTarget;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.agent.AgentView;
import io.ramal.cti.queue.AgentStates;
import io.ramal.cti.queue.CallDistributor;
import io.ramal.cti.queue.QueueMember;
import io.ramal.cti.queue.QueueOutcome;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Agents in queues (the TotalVoice {@code entrarNaFila}, {@code sairDaFila}, {@code pausarNaFila},
 * {@code despausarNaFila}): under {@code /api/v1/queues/{name}/members} for one queue, and under
 * {@code /api/v1/agents/{agent}/queues} for every queue of an agent at once (TotalVoice's pause and unpause
 * without a queue). An agent acts on itself; supervisors, admins, integrations and API keys with
 * {@code calls:write} on anyone of their tenant. Only they set a member's priority.
 */
public final class MemberRoutes {

    public static final String MEMBERS = QueueRoutes.QUEUE + "/members";
    public static final String MEMBER = MEMBERS + "/{agent}";
    public static final String AGENT_QUEUES = "/api/v1/agents/{agent}/queues";
    private static final int MAX_REASON = 64;

    private final BearerAuthentication authentication;
    private final QueueDesk desk;
    private final Users users;

    public MemberRoutes(BearerAuthentication authentication, QueueDesk desk, Users users) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.users = Objects.requireNonNull(users, "users");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(MEMBERS, this::list);
        routes.put(MEMBER, this::join);
        routes.delete(MEMBER, this::leave);
        routes.post(MEMBER + "/pause", this::pause);
        routes.post(MEMBER + "/unpause", this::unpause);
        routes.get(AGENT_QUEUES, this::memberships);
        routes.post(AGENT_QUEUES + "/pause", this::pauseEverywhere);
        routes.post(AGENT_QUEUES + "/unpause", this::unpauseEverywhere);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String queue = ctx.pathParam("name");
        List<Object> members = desk.read(caller.tenantId(), (acd, states) -> {
            if (acd.queue(queue).isEmpty()) {
                throw QueueRoutes.notFound(queue);
            }
            List<Object> views = new ArrayList<>();
            acd.members(queue).forEach(m -> views.add(view(acd, states, m)));
            return views;
        });
        Json.write(ctx, 200, Map.of("members", members));
    }

    /** Joins the queue (201), or changes the priority of a member already in it (200). */
    private void join(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, agent);
        String queue = ctx.pathParam("name");
        Optional<Integer> priority = priority(Json.readObject(ctx));
        if (priority.isPresent() && !AgentTarget.actsOnAnyone(caller)) {
            throw new ApiException(403, "forbidden", "only supervisors and admins set a member's priority");
        }
        AtomicBoolean joined = new AtomicBoolean();
        QueueRoutes.refuseIfRefused(desk.act(caller.tenantId(), (acd, states) -> {
            Optional<QueueMember> before = acd.member(queue, agent.id());
            joined.set(before.isEmpty());
            int tier = priority.orElse(before.map(QueueMember::priority).orElse(QueueMember.MIN_PRIORITY));
            return acd.join(queue, agent.id(), agent.username(), tier, caller.userId(), desk.now(), states);
        }));
        if (joined.get()) {
            ctx.header("Location", MEMBERS.replace("{name}", queue) + "/" + agent.id());
        }
        Json.write(ctx, joined.get() ? 201 : 200, member(caller, queue, agent));
    }

    private void leave(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, agent);
        String queue = ctx.pathParam("name");
        QueueRoutes.refuseIfRefused(desk.act(caller.tenantId(), (acd, states) -> acd.leave(queue, agent.id(),
                caller.userId(), desk.now(), states)));
        ctx.status(204);
    }

    private void pause(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, agent);
        String queue = ctx.pathParam("name");
        Optional<String> reason = reason(Json.readObject(ctx));
        QueueRoutes.refuseIfRefused(desk.act(caller.tenantId(), (acd, states) -> acd.pause(queue, agent.id(), reason,
                caller.userId(), desk.now(), states)));
        Json.write(ctx, 200, member(caller, queue, agent));
    }

    private void unpause(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, agent);
        String queue = ctx.pathParam("name");
        QueueRoutes.refuseIfRefused(desk.act(caller.tenantId(), (acd, states) -> acd.unpause(queue, agent.id(),
                caller.userId(), desk.now(), states)));
        Json.write(ctx, 200, member(caller, queue, agent));
    }

    private void memberships(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        Json.write(ctx, 200, memberships(caller, agent));
    }

    /** Pauses the agent in every queue it is a member of (TotalVoice {@code pausarNaFila} without a queue). */
    private void pauseEverywhere(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, agent);
        Optional<String> reason = reason(Json.readObject(ctx));
        desk.act(caller.tenantId(), (acd, states) -> {
            QueueOutcome all = QueueOutcome.NOTHING;
            for (QueueMember m : acd.memberships(agent.id())) {
                all = all.then(acd.pause(m.queue(), agent.id(), reason, caller.userId(), desk.now(), states));
            }
            return all;
        });
        Json.write(ctx, 200, memberships(caller, agent));
    }

    /** Unpauses the agent in every queue (TotalVoice {@code despausarNaFila} without a queue). */
    private void unpauseEverywhere(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        User agent = AgentTarget.resolve(users, caller, ctx.pathParam("agent"));
        AgentTarget.requireMayActOn(caller, agent);
        desk.act(caller.tenantId(), (acd, states) -> {
            QueueOutcome all = QueueOutcome.NOTHING;
            for (QueueMember m : acd.memberships(agent.id())) {
                all = all.then(acd.unpause(m.queue(), agent.id(), caller.userId(), desk.now(), states));
            }
            return all;
        });
        Json.write(ctx, 200, memberships(caller, agent));
    }

    private Map<String, Object> memberships(Principal caller, User agent) {
        List<Object> list = desk.read(caller.tenantId(), (acd, states) -> {
            List<Object> views = new ArrayList<>();
            acd.memberships(agent.id()).forEach(m -> views.add(view(acd, states, m)));
            return views;
        });
        return Map.of("memberships", list);
    }

    private Map<String, Object> member(Principal caller, String queue, User agent) {
        return desk.read(caller.tenantId(), (acd, states) -> acd.member(queue, agent.id())
                .map(m -> view(acd, states, m)).orElseThrow(() -> QueueRoutes.notFound(queue)));
    }

    /** The membership, the agent's device (when logged in) and where it stands for the queue now. */
    private Map<String, Object> view(CallDistributor acd, AgentStates states, QueueMember member) {
        Map<String, Object> v = new LinkedHashMap<>(member.toJson());
        v.put("device", states.agent(member.agentId()).flatMap(AgentView::device).orElse(null));
        v.put("status", acd.status(member, desk.now(), states).wire());
        return v;
    }

    private static Optional<Integer> priority(ObjectNode body) {
        if (!body.has("priority") || body.get("priority").isNull()) {
            return Optional.empty();
        }
        JsonNode node = body.get("priority");
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < QueueMember.MIN_PRIORITY
                || node.asInt() > QueueMember.MAX_PRIORITY) {
            throw JsonFields.invalid("priority must be a whole number from " + QueueMember.MIN_PRIORITY + " to "
                    + QueueMember.MAX_PRIORITY);
        }
        return Optional.of(node.asInt());
    }

    private static Optional<String> reason(ObjectNode body) {
        return JsonFields.optionalText(body, "reason").map(String::strip).map(text -> {
            if (text.isEmpty() || text.length() > MAX_REASON || text.chars().anyMatch(Character::isISOControl)) {
                throw JsonFields.invalid("reason must be 1-" + MAX_REASON + " printable characters");
            }
            return text;
        });
    }
}
