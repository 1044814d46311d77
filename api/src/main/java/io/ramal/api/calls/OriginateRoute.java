package io.ramal.api.calls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.fact.CampaignAttached;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Click-to-call: {@code POST /api/v1/calls} with {@code {"from": "<extension>", "to": "<extension
 * or external number>"}}. Ramal rings {@code from} (by default the caller's own extension) with an
 * auto-answer hint and, once it answers, calls {@code to}; events report each step. An agent may
 * originate from its own extension only; supervisors, admins and API keys with
 * {@code calls:write} from any extension of their tenant.
 *
 * <p>The command is checked against the tenant's CTI state first ({@code device_unavailable} for a
 * device with no registered contact, {@code invalid_argument} for a destination that is not a
 * number), then handed to the PBX, which may still refuse it (unknown destination, no trunk).
 * Accepted answers 202 with the new call's id and its {@code Location}. An optional {@code "campaign"}
 * object attaches dialer campaign fields to the new call ({@code call.campaign_changed} right after its
 * {@code call.originated}), so the destination's ringing and screen pop carry them.
 */
public final class OriginateRoute {

    static final String PATH = "/api/v1/calls";

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final CallControl control;
    private final ExtensionDirectory extensions;
    private final InstantSource clock;

    public OriginateRoute(BearerAuthentication authentication, TenantBoards boards, CallControl control,
            ExtensionDirectory extensions, InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.control = Objects.requireNonNull(control, "control");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
    }

    public void addTo(RoutesConfig routes) {
        routes.post(PATH, this::originate);
    }

    private void originate(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        ObjectNode body = Json.readObject(ctx);
        String to = JsonFields.requiredText(body, "to").strip();
        if (to.isEmpty()) {
            throw JsonFields.invalid("to is required");
        }
        String from = JsonFields.optionalText(body, "from").map(String::strip).filter(f -> !f.isEmpty())
                .or(caller::extension)
                .orElseThrow(() -> JsonFields.invalid("from is required: your user has no extension of its own"));
        if (!CallAccess.seesEveryCall(caller) && !caller.extension().equals(Optional.of(from))) {
            throw new ApiException(403, "forbidden", "an agent may place calls from its own extension only");
        }
        if (!extensions.exists(caller.tenantId(), from)) {
            throw new ApiException(404, "extension_not_found", "no extension " + from + " in your tenant");
        }
        CampaignFields campaign = CampaignBody.parse(body.get("campaign"));
        CallCommand.Originate command = new CallCommand.Originate(caller.tenantId(), from, to);
        Optional<Refusal> refusal = boards.onTenant(caller.tenantId(), board -> board.check(command));
        if (refusal.isPresent()) {
            throw refused(refusal.get());
        }
        switch (control.originate(command)) {
            case CommandResult.Accepted accepted -> {
                if (!campaign.isEmpty()) {
                    // The PBX reported the new call before answering: the fields follow its call.originated.
                    boards.apply(caller.tenantId(), board -> new CampaignAttached(caller.tenantId(), accepted.callId(),
                            clock.instant(), campaign));
                }
                ctx.header("Location", PATH + "/" + accepted.callId());
                Json.write(ctx, 202, Map.of("call_id", accepted.callId(), "status", "originating"));
            }
            case CommandResult.Refused refused -> throw refused(refused.refusal());
        }
    }

    private static ApiException refused(Refusal refusal) {
        return switch (refusal.code()) {
            case NOT_FOUND -> new ApiException(404, "extension_not_found", refusal.message());
            case INVALID_ARGUMENT -> new ApiException(400, refusal.code().wire(), refusal.message());
            case DEVICE_UNAVAILABLE, INVALID_STATE, NOT_SUPPORTED_BY_DEVICE, VERSION_MISMATCH ->
                    new ApiException(409, refusal.code().wire(), refusal.message());
            case FAILED -> new ApiException(503, refusal.code().wire(), refusal.message());
        };
    }
}
