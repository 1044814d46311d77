package io.ramal.api.calls;

import static io.ramal.api.calls.CallAccess.expectedVersion;
import static io.ramal.api.calls.CallAccess.mayAccess;
import static io.ramal.api.calls.CallAccess.refused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Live calls under {@code /api/v1/calls}: list and show them (with parties, capability flags and
 * {@code version}, the same snapshots the event stream sends), and command them: hang up
 * ({@code DELETE}), answer a ringing phone that allows it, hold, retrieve, mute, unmute, send DTMF, transfer blind ({@code POST
 * .../<command>}), and consult: {@code POST .../consultations} starts a consultation call (the
 * call is held), {@code POST .../consultations/{consultation}/complete} transfers the held party
 * to the consulted one, {@code DELETE .../consultations/{consultation}} goes back to the held call.
 * Conferences: {@code POST .../conference} joins the party's answered consultation with the held
 * call (all three talk), {@code POST .../participants} calls a number into the conversation, and
 * {@code DELETE .../participants/{party}} hangs up one party while the others go on.
 *
 * <p>Every command goes through one pipeline: authenticate ({@code calls:write}); on the tenant's
 * switchboard writer, find the call the caller may see (else 404), build the command from the
 * request (the acting party, see {@link PartyChoice}) and check it against the current state,
 * {@code If-Match} version included; then hand it to the PBX through {@link CallControl} and
 * answer 202, or the refusal mapped to its status. The outcome arrives as events. An agent sees
 * and acts on the calls of its own extension only; another tenant's call is 404.
 *
 * <p>{@code If-Match: "<version>"} on a command refuses it with 412 {@code version_mismatch} when
 * the call has moved on since the client looked (its ETag is that version); a {@code "version"}
 * in the body does the same with 409.
 */
public final class CallRoutes {

    static final String CALLS = "/api/v1/calls";
    static final String CALL = CALLS + "/{id}";
    static final String CONSULTATION = CALL + "/consultations/{consultation}";
    static final String PARTICIPANTS = CALL + "/participants";

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final CallControl control;

    public CallRoutes(BearerAuthentication authentication, TenantBoards boards, CallControl control) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.control = Objects.requireNonNull(control, "control");
    }

    /** Builds a command from a request, on the switchboard's writer (the call as it is now). */
    @FunctionalInterface
    private interface CommandOf {
        CallCommand.OnCall build(CommandRequest request);
    }

    /** What a command is built from: who asks, the call as they may see it, the body, If-Match. */
    private record CommandRequest(Principal caller, CallSnapshot call, ObjectNode body, OptionalLong version) {
        String tenant() {
            return caller.tenantId();
        }

        String callId() {
            return call.callId();
        }

        /** The required {@code "to"}: an extension or external number. */
        String to() {
            return JsonFields.requiredText(body, "to");
        }

        /** The acting party: {@code "party"} of the body, or the default (see {@link PartyChoice}). */
        String party() {
            return PartyChoice.choose(caller, call, JsonFields.optionalText(body, "party"));
        }
    }

    /** A checked command, or why the switchboard refuses it. */
    private record Checked(CallCommand.OnCall command, Optional<Refusal> refusal) {}

    public void addTo(RoutesConfig routes) {
        routes.get(CALLS, this::list);
        routes.get(CALL, this::show);
        routes.delete(CALL, ctx -> command(ctx, "clearing",
                r -> new CallCommand.Hangup(r.tenant(), r.callId(), Optional.empty(), r.version())));
        routes.post(CALL + "/answer", ctx -> command(ctx, "answering",
                r -> new CallCommand.Answer(r.tenant(), r.callId(), r.party(), r.version())));
        routes.post(CALL + "/hold", ctx -> command(ctx, "holding",
                r -> new CallCommand.Hold(r.tenant(), r.callId(), r.party(), r.version())));
        routes.post(CALL + "/retrieve", ctx -> command(ctx, "retrieving",
                r -> new CallCommand.Retrieve(r.tenant(), r.callId(), r.party(), r.version())));
        routes.post(CALL + "/mute", ctx -> command(ctx, "muting",
                r -> new CallCommand.Mute(r.tenant(), r.callId(), r.party(), r.version())));
        routes.post(CALL + "/unmute", ctx -> command(ctx, "unmuting",
                r -> new CallCommand.Unmute(r.tenant(), r.callId(), r.party(), r.version())));
        routes.post(CALL + "/dtmf", ctx -> command(ctx, "sending_dtmf", CallRoutes::sendDtmf));
        routes.post(CALL + "/transfer", ctx -> command(ctx, "transferring",
                r -> new CallCommand.BlindTransfer(r.tenant(), r.callId(), r.party(), r.to(), r.version())));
        routes.post(CALL + "/consultations", ctx -> command(ctx,
                r -> new CallCommand.Consult(r.tenant(), r.callId(), r.party(), r.to(), r.version()),
                (call, accepted) -> Map.of("call_id", call, "consultation_id", accepted, "status", "consulting",
                        "links", Map.of("consultation", CALLS + "/" + accepted,
                                "complete", CALLS + "/" + call + "/consultations/" + accepted + "/complete"))));
        routes.post(CONSULTATION + "/complete", ctx -> command(ctx, "transferring",
                r -> new CallCommand.CompleteTransfer(r.tenant(), r.callId(), ctx.pathParam("consultation"), r.party(),
                        r.version())));
        routes.delete(CONSULTATION, ctx -> command(ctx, "cancelling_consultation",
                r -> new CallCommand.CancelTransfer(r.tenant(), r.callId(), ctx.pathParam("consultation"), r.party(),
                        r.version())));
        routes.post(CALL + "/conference", ctx -> command(ctx, "conferencing",
                r -> new CallCommand.ConferenceStart(r.tenant(), r.callId(), r.party(),
                        JsonFields.optionalText(r.body(), "consultation_id"), r.version())));
        routes.post(PARTICIPANTS, ctx -> command(ctx, "calling_participant",
                r -> new CallCommand.ConferenceAdd(r.tenant(), r.callId(), r.party(), r.to(), r.version())));
        routes.delete(PARTICIPANTS + "/{party}", ctx -> command(ctx, "hanging_up_participant",
                r -> new CallCommand.Hangup(r.tenant(), r.callId(), Optional.of(ctx.pathParam("party")), r.version())));
    }

    private static CallCommand.OnCall sendDtmf(CommandRequest r) {
        String digits = JsonFields.requiredText(r.body(), "digits");
        Duration duration = millis(r.body(), "duration_ms").orElse(CallCommand.SendDtmf.DEFAULT_DURATION);
        Duration gap = millis(r.body(), "gap_ms").orElse(CallCommand.SendDtmf.DEFAULT_GAP);
        return new CallCommand.SendDtmf(r.tenant(), r.callId(), r.party(), digits, duration, gap, r.version());
    }

    /** A whole number of milliseconds; its range is the command check's business. */
    private static Optional<Duration> millis(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw JsonFields.invalid(field + " must be a whole number of milliseconds");
        }
        return Optional.of(Duration.ofMillis(node.intValue()));
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

    /** What a 202 says: built from the call's id and the id the PBX accepted the command with. */
    @FunctionalInterface
    private interface Accepted {
        Map<String, Object> body(String callId, String acceptedId);
    }

    /** The command pipeline; {@code status} names what the PBX is doing in the 202 answer. */
    private void command(Context ctx, String status, CommandOf commandOf) {
        command(ctx, commandOf, (call, accepted) -> Map.of("call_id", accepted, "status", status));
    }

    private void command(Context ctx, CommandOf commandOf, Accepted answer) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        String callId = ctx.pathParam("id");
        OptionalLong ifMatch = expectedVersion(ctx);
        ObjectNode body = Json.readObject(ctx);
        OptionalLong version = expectedVersion(ifMatch, body);
        boolean versionInBody = ifMatch.isEmpty() && version.isPresent();
        Checked checked = boards.onTenant(caller.tenantId(), board -> {
            CallSnapshot call = CallAccess.visibleCall(caller, board, callId);
            CallCommand.OnCall command = commandOf.build(new CommandRequest(caller, call, body, version));
            return new Checked(command, board.check(command));
        });
        checked.refusal().ifPresent(r -> {
            throw refused(r, versionInBody);
        });
        switch (control.execute(checked.command())) {
            case CommandResult.Accepted accepted -> Json.write(ctx, 202, answer.body(callId, accepted.callId()));
            case CommandResult.Refused refused -> throw refused(refused.refusal(), versionInBody);
        }
    }

    private CallSnapshot visibleCall(Principal caller, String callId) {
        return boards.onTenant(caller.tenantId(), board -> CallAccess.visibleCall(caller, board, callId));
    }
}
