package io.ramal.api.supervision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.calls.CallAccess;
import io.ramal.api.calls.TenantBoards;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.control.CommandResult;
import io.ramal.store.SupervisionAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Supervision of live calls: {@code POST /api/v1/calls/{id}/supervision} rings the supervisor's
 * device and, when it answers, lets it listen ({@code listen}: nobody hears it), coach the agent
 * ({@code whisper}: only the agent hears it) or join in ({@code barge}: everyone hears everyone);
 * {@code PATCH} switches the mode during the call, {@code DELETE} ends it, {@code GET} shows it.
 * Supervisors and admins only (an agent gets 403), on any call of their own tenant (another
 * tenant's call is 404). {@code GET /api/v1/supervision/audit} lists every step for admins.
 */
public final class SupervisionRoutes {
    static final String SUPERVISION = "/api/v1/calls/{id}/supervision";
    static final String AUDIT = "/api/v1/supervision/audit";
    private static final Set<String> MODES = Set.of("listen", "whisper", "barge");

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final SupervisionControl control;
    private final SupervisionDesk desk;
    private final SupervisionAudit audit;

    public SupervisionRoutes(BearerAuthentication authentication, TenantBoards boards, SupervisionControl control,
            SupervisionDesk desk, SupervisionAudit audit) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.control = Objects.requireNonNull(control, "control");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public void addTo(RoutesConfig routes) {
        routes.post(SUPERVISION, this::start);
        routes.get(SUPERVISION, this::show);
        routes.patch(SUPERVISION, this::change);
        routes.delete(SUPERVISION, this::stop);
        routes.get(AUDIT, this::audit);
    }

    private void start(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.SUPERVISE);
        String callId = ctx.pathParam("id");
        ObjectNode body = Json.readObject(ctx);
        CallSnapshot call = liveCall(caller, callId);
        String device = JsonFields.optionalText(body, "supervisor_device").or(caller::extension)
                .orElseThrow(() -> JsonFields.invalid("supervisor_device is required (the caller has no extension)"));
        String mode = mode(body);
        Optional<String> agent = JsonFields.optionalText(body, "agent");
        boolean notify = JsonFields.optionalBoolean(body, "notify_agent").orElse(false);
        if (mode.equals("whisper") && agent.isEmpty()) {
            throw JsonFields.invalid("agent is required for whisper: the party who hears the supervisor");
        }
        if (notify && agent.isEmpty()) {
            throw JsonFields.invalid("agent is required with notify_agent: the party who hears the notice");
        }
        agent.ifPresent(a -> requireParty(call, a));
        if (call.parties().stream().anyMatch(p -> !p.endpoint().external() && p.endpoint().number().equals(device))) {
            throw new ApiException(400, "invalid_argument", device + " is a party of call " + callId);
        }
        String supervisionId = UUID.randomUUID().toString();
        SupervisionDesk.Active active = new SupervisionDesk.Active(caller.tenantId(), callId, supervisionId,
                caller.userId(), device, mode, agent, notify, false);
        desk.register(active);
        CommandResult result = control.start(new SupervisionControl.Start(caller.tenantId(), callId, supervisionId,
                device, mode, agent, notify));
        if (result instanceof CommandResult.Refused refused) {
            desk.forget(supervisionId);
            throw CallAccess.refused(refused.refusal());
        }
        desk.asked(active, "requested", caller.userId(), Optional.empty());
        Map<String, Object> answer = new LinkedHashMap<>(active.toJson());
        answer.put("status", "calling_supervisor");
        Json.write(ctx, 202, answer);
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.SUPERVISE);
        Json.write(ctx, 200, supervisionOf(caller, ctx.pathParam("id")).toJson());
    }

    private void change(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.SUPERVISE);
        String callId = ctx.pathParam("id");
        ObjectNode body = Json.readObject(ctx);
        SupervisionDesk.Active active = supervisionOf(caller, callId);
        String mode = mode(body);
        Optional<String> agent = JsonFields.optionalText(body, "agent");
        if (agent.isPresent()) {
            requireParty(liveCall(caller, callId), agent.get());
        }
        Optional<String> agentNow = agent.or(active::agent);
        if (mode.equals("whisper") && agentNow.isEmpty()) {
            throw JsonFields.invalid("agent is required for whisper: the party who hears the supervisor");
        }
        if (control.change(caller.tenantId(), callId, mode, agent) instanceof CommandResult.Refused refused) {
            throw CallAccess.refused(refused.refusal());
        }
        desk.changed(active.supervisionId(), mode, agentNow);
        SupervisionDesk.Active now = desk.onCall(caller.tenantId(), callId)
                .orElse(active.withMode(mode, agentNow));
        desk.asked(now, "mode_changed", caller.userId(), Optional.of(active.mode() + " -> " + mode));
        Json.write(ctx, 200, now.toJson());
    }

    private void stop(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.SUPERVISE);
        String callId = ctx.pathParam("id");
        SupervisionDesk.Active active = supervisionOf(caller, callId);
        if (control.stop(caller.tenantId(), callId) instanceof CommandResult.Refused refused) {
            throw CallAccess.refused(refused.refusal());
        }
        desk.forget(active.supervisionId());
        desk.asked(active, "ended", caller.userId(), Optional.of("stopped"));
        Json.write(ctx, 202, Map.of("supervision_id", active.supervisionId(), "call_id", callId, "status", "ended"));
    }

    private void audit(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.ADMIN);
        Optional<String> callId = Optional.ofNullable(ctx.queryParam("call_id")).filter(c -> !c.isBlank());
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isBlank());
        SupervisionAudit.Page page;
        try {
            page = audit.list(caller.tenantId(), callId, cursor, limit(ctx.queryParam("limit")));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_cursor", "the cursor is not one this server gave");
        }
        List<Object> steps = new ArrayList<>();
        page.steps().forEach(s -> steps.add(s.toJson()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("steps", steps);
        body.put("next_cursor", page.nextCursor().orElse(null));
        Json.write(ctx, 200, body);
    }

    private CallSnapshot liveCall(Principal caller, String callId) {
        return boards.onTenant(caller.tenantId(), board -> CallAccess.visibleCall(caller, board, callId));
    }

    private SupervisionDesk.Active supervisionOf(Principal caller, String callId) {
        return desk.onCall(caller.tenantId(), callId).orElseThrow(() -> new ApiException(404, "supervision_not_found",
                "call " + callId + " is not supervised"));
    }

    private static String mode(ObjectNode body) {
        String mode = JsonFields.requiredText(body, "mode");
        if (!MODES.contains(mode)) {
            throw JsonFields.invalid("mode must be listen, whisper or barge");
        }
        return mode;
    }

    private static void requireParty(CallSnapshot call, String party) {
        boolean isParty = call.parties().stream().map(PartySnapshot::endpoint).anyMatch(e -> e.number().equals(party));
        if (!isParty) {
            throw new ApiException(400, "invalid_argument", "'" + party + "' is not a party of call " + call.callId());
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= SupervisionAudit.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JsonFields.invalid("limit must be 1-" + SupervisionAudit.MAX_LIMIT);
    }
}
