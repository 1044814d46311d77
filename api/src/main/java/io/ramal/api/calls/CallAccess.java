package io.ramal.api.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.core.Switchboard;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules every route about calls shares: who sees which calls (and so their recordings and
 * records), how {@code If-Match} names a call version, and how a CTI refusal answers in HTTP.
 */
public final class CallAccess {

    private CallAccess() {}

    /** Everyone but a caller whose only role is agent: admins, supervisors, integrations, API keys. */
    public static boolean seesEveryCall(Principal caller) {
        return caller.kind() == Principal.Kind.API_KEY || caller.roles().stream().anyMatch(r -> r != Role.AGENT);
    }

    /**
     * Empty when the caller sees the whole tenant; otherwise the one extension it is narrowed to
     * ({@code ""}, matching nothing, for an agent without one).
     */
    public static Optional<String> narrowedTo(Principal caller) {
        return seesEveryCall(caller) ? Optional.empty() : Optional.of(caller.extension().orElse(""));
    }

    /** An agent sees only calls where its own extension is a party. */
    public static boolean mayAccess(Principal caller, CallSnapshot call) {
        return narrowedTo(caller).map(own -> call.parties().stream().map(PartySnapshot::endpoint)
                .anyMatch(e -> !e.external() && e.number().equals(own))).orElse(true);
    }

    /** The live call, if the caller may see it; 404 {@code call_not_found} otherwise. */
    public static CallSnapshot visibleCall(Principal caller, Switchboard board, String callId) {
        return board.call(callId).filter(call -> mayAccess(caller, call))
                .orElseThrow(() -> new ApiException(404, "call_not_found", "no live call " + callId));
    }

    /** {@code If-Match: "7"} (or {@code 7}, or {@code W/"7"}) → 7; absent or {@code *} → no check. */
    public static OptionalLong expectedVersion(Context ctx) {
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

    /**
     * The {@code "version"} of a command's body: the same check as {@code If-Match}, for clients
     * that cannot set headers; when both are given they must agree.
     */
    public static OptionalLong expectedVersion(OptionalLong ifMatch, ObjectNode body) {
        JsonNode field = body.get("version");
        if (field == null || field.isNull()) {
            return ifMatch;
        }
        if (!field.canConvertToLong() || !field.isIntegralNumber() || field.asLong() < 0) {
            throw new ApiException(400, "invalid_version", "version must be a call version such as 3");
        }
        if (ifMatch.isPresent() && ifMatch.getAsLong() != field.asLong()) {
            throw new ApiException(400, "invalid_version", "If-Match says version " + ifMatch.getAsLong()
                    + " and the body says " + field.asLong() + ": send one");
        }
        return OptionalLong.of(field.asLong());
    }

    /** A refusal of a command on a call as its HTTP answer. */
    public static ApiException refused(Refusal refusal) {
        return refused(refusal, false);
    }

    /**
     * A refusal of a command on a call as its HTTP answer; a stale version is 412 when it came as
     * {@code If-Match} (a failed precondition) and 409 when it came in the body (a conflict with
     * the call's state).
     */
    public static ApiException refused(Refusal refusal, boolean versionInBody) {
        int status = switch (refusal.code()) {
            case NOT_FOUND -> 404;
            case VERSION_MISMATCH -> versionInBody ? 409 : 412;
            case INVALID_STATE, NOT_SUPPORTED_BY_DEVICE, DEVICE_UNAVAILABLE -> 409;
            case INVALID_ARGUMENT -> 400;
            case FAILED -> 503;
        };
        return new ApiException(status, refusal.code().wire(), refusal.message());
    }
}
