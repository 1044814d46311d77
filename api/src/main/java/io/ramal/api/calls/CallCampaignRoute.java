package io.ramal.api.calls;

import static io.ramal.api.calls.CallAccess.expectedVersion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.fact.CampaignAttached;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code PATCH /api/v1/calls/{id}} with {@code {"campaign": {...}}}: attaches dialer campaign fields to a
 * live call ({@code null} takes them off); the call changes at once ({@code call.campaign_changed}, a new
 * version) and answers 200 with the call. Who may: as for call commands (an agent on calls of its own
 * extension; {@code calls:write}); {@code If-Match} refuses a call that moved on with 412.
 */
public final class CallCampaignRoute {

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final InstantSource clock;

    public CallCampaignRoute(BearerAuthentication authentication, TenantBoards boards, InstantSource clock) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(RoutesConfig routes) {
        routes.patch(CallRoutes.CALL, this::patch);
    }

    private void patch(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        String callId = ctx.pathParam("id");
        OptionalLong version = expectedVersion(ctx);
        ObjectNode body = Json.readObject(ctx);
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("campaign")) {
                throw JsonFields.invalid("a call has no field " + name + " to change (campaign only)");
            }
        }
        if (!body.has("campaign")) {
            throw JsonFields.invalid("nothing to change: give campaign");
        }
        CampaignFields campaign = CampaignBody.parse(body.get("campaign"));
        CallSnapshot call = attach(boards, caller, callId, campaign, version, clock);
        ctx.header("ETag", "\"" + call.version() + "\"");
        Json.write(ctx, 200, call.toJson());
    }

    /**
     * Attaches {@code campaign} to the caller's visible call (404 otherwise; 412 when {@code version} is not
     * the call's) and answers the call as it is then.
     */
    static CallSnapshot attach(TenantBoards boards, Principal caller, String callId, CampaignFields campaign,
            OptionalLong version, InstantSource clock) {
        String tenant = caller.tenantId();
        boards.apply(tenant, board -> {
            CallSnapshot call = CallAccess.visibleCall(caller, board, callId);
            if (version.isPresent() && version.getAsLong() != call.version()) {
                throw new ApiException(412, "version_mismatch", "call " + callId + " is at version "
                        + call.version() + ", not " + version.getAsLong());
            }
            return new CampaignAttached(tenant, callId, clock.instant(), campaign);
        });
        return boards.onTenant(tenant, board -> CallAccess.visibleCall(caller, board, callId));
    }
}
