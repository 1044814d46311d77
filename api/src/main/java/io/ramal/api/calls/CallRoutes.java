package io.ramal.api.calls;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.core.Switchboard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Live calls under {@code /api/v1/calls}: list and show them (with parties, capability flags and
 * {@code version}, the same snapshots the event stream sends), and hang one up. Every command is
 * checked against the tenant's current state on its switchboard's writer, then handed to the
 * PBX through {@link CallControl}; its outcome arrives as events. An agent sees and acts on the
 * calls of its own extension only; another tenant's call, or one an agent may not see, is 404.
 *
 * <p>{@code If-Match: "<version>"} on a command refuses it with 412 {@code version_mismatch} when
 * the call has moved on since the client looked (its ETag is that version).
 */
public final class CallRoutes {

    static final String CALLS = "/api/v1/calls";
    static final String CALL = CALLS + "/{id}";

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final CallControl control;

    public CallRoutes(BearerAuthentication authentication, TenantBoards boards, CallControl control) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.control = Objects.requireNonNull(control, "control");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(CALLS, this::list);
        routes.get(CALL, this::show);
        routes.delete(CALL, this::hangup);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        List<CallSnapshot> calls = boards.onTenant(caller.tenantId(), board -> board.snapshot().calls());
        List<Object> visible = new ArrayList<>();
        for (CallSnapshot call : calls) {
            if (mayAccess(caller, call)) {
                visible.add(call.toJson());
            }
        }
        Json.write(ctx, 200, Map.of("calls", visible));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        CallSnapshot call = visibleCall(caller, ctx.pathParam("id"));
        ctx.header("ETag", "\"" + call.version() + "\"");
        Json.write(ctx, 200, call.toJson());
    }

    private void hangup(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        String callId = ctx.pathParam("id");
        CallCommand.Hangup command = new CallCommand.Hangup(caller.tenantId(), callId, Optional.empty(),
                expectedVersion(ctx));
        Optional<Refusal> refusal = boards.onTenant(caller.tenantId(), board -> {
            visibleCall(caller, board, callId);
            return board.check(command);
        });
        refusal.ifPresent(r -> {
            throw refused(r);
        });
        switch (control.hangup(command)) {
            case CommandResult.Accepted accepted -> Json.write(ctx, 202, Map.of("call_id", accepted.callId(),
                    "status", "clearing"));
            case CommandResult.Refused refused -> throw refused(refused.refusal());
        }
    }

    private CallSnapshot visibleCall(Principal caller, String callId) {
        return boards.onTenant(caller.tenantId(), board -> visibleCall(caller, board, callId));
    }

    private static CallSnapshot visibleCall(Principal caller, Switchboard board, String callId) {
        return board.call(callId).filter(call -> mayAccess(caller, call))
                .orElseThrow(() -> new ApiException(404, "call_not_found", "no live call " + callId));
    }

    /**
     * Supervisors, admins, integrations and API keys see every call of their tenant; an agent only
     * those where its own extension is a party.
     */
    static boolean mayAccess(Principal caller, CallSnapshot call) {
        if (caller.kind() == Principal.Kind.API_KEY || caller.roles().stream().anyMatch(r -> r != Role.AGENT)) {
            return true;
        }
        return caller.extension().map(own -> call.parties().stream().map(PartySnapshot::endpoint)
                .anyMatch(e -> !e.external() && e.number().equals(own))).orElse(false);
    }

    /** {@code If-Match: "7"} (or {@code 7}, or {@code W/"7"}) → 7; absent → no check. */
    static OptionalLong expectedVersion(Context ctx) {
        String header = ctx.header("If-Match");
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String text = header.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        text = text.replace("\"", "");
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_if_match", "If-Match must be a call version such as \"3\"");
        }
    }

    static ApiException refused(Refusal refusal) {
        int status = switch (refusal.code()) {
            case NOT_FOUND -> 404;
            case VERSION_MISMATCH -> 412;
            case INVALID_STATE, NOT_SUPPORTED_BY_DEVICE, DEVICE_UNAVAILABLE -> 409;
            case INVALID_ARGUMENT -> 400;
            case FAILED -> 503;
        };
        return new ApiException(status, refusal.code().wire(), refusal.message());
    }
}
