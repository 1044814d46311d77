package io.ramal.api.calls;

import static io.ramal.api.calls.CallAccess.expectedVersion;
import static io.ramal.api.calls.CallAccess.refused;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.ApiException;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.control.RefusalCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Call park under {@code /api/v1}: {@code POST /calls/{id}/park} parks the other party of
 * {@code party} (whose leg is released) in a numbered slot and answers with it; {@code GET /parked}
 * lists the tenant's parked calls; {@code POST /parked/{slot}/pickup} rings {@code device} to take
 * the call back. Phones pick up by dialling the slot number. Park needs {@code calls:write} and a
 * call the caller may see; an agent picks up to its own extension only.
 */
public final class ParkRoutes {
    private static final String PARKED = "/api/v1/parked";

    private final BearerAuthentication authentication;
    private final TenantBoards boards;
    private final CallParking parking;

    public ParkRoutes(BearerAuthentication authentication, TenantBoards boards, CallParking parking) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.parking = Objects.requireNonNull(parking, "parking");
    }

    public void addTo(RoutesConfig routes) {
        routes.post(CallRoutes.CALL + "/park", this::park);
        routes.get(PARKED, this::list);
        routes.post(PARKED + "/{slot}/pickup", this::pickup);
    }

    private void park(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        String callId = ctx.pathParam("id");
        OptionalLong version = expectedVersion(ctx);
        ObjectNode body = Json.readObject(ctx);
        String party = boards.onTenant(caller.tenantId(), board -> {
            CallSnapshot call = CallAccess.visibleCall(caller, board, callId);
            if (version.isPresent() && version.getAsLong() != call.version()) {
                throw refused(new Refusal(RefusalCode.VERSION_MISMATCH, "call " + callId + " is at version "
                        + call.version() + ", not " + version.getAsLong()));
            }
            return PartyChoice.choose(caller, call, JsonFields.optionalText(body, "party"));
        });
        switch (parking.park(caller.tenantId(), callId, party)) {
            case CommandResult.Accepted accepted -> Json.write(ctx, 202, Map.of("call_id", callId, "slot",
                    accepted.callId(), "status", "parked", "links", Map.of("pickup", PARKED + "/" + accepted.callId()
                            + "/pickup")));
            case CommandResult.Refused r -> throw refused(r.refusal());
        }
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        List<Object> out = new ArrayList<>();
        for (CallParking.Parked p : parking.parked(caller.tenantId())) {
            boolean visible = CallAccess.narrowedTo(caller)
                    .map(own -> own.equals(p.parked()) || own.equals(p.parker())).orElse(true);
            if (!visible) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("slot", p.slot());
            json.put("call_id", p.callId());
            json.put("parked", p.parked());
            json.put("parker", p.parker());
            json.put("since", p.since().toString());
            json.put("until", p.until().toString());
            out.add(json);
        }
        Json.write(ctx, 200, Map.of("parked", out));
    }

    private void pickup(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_WRITE);
        String slot = ctx.pathParam("slot");
        ObjectNode body = Json.readObject(ctx);
        String device = JsonFields.optionalText(body, "device").or(caller::extension).orElseThrow(() ->
                new ApiException(400, "invalid_request", "device is required: the extension that takes the call"));
        if (device.isEmpty() || device.length() > PartyChoice.MAX_PARTY) {
            throw new ApiException(400, "invalid_request", "device must be an extension of 1 to "
                    + PartyChoice.MAX_PARTY + " characters");
        }
        if (!CallAccess.seesEveryCall(caller) && !caller.extension().equals(java.util.Optional.of(device))) {
            throw new ApiException(403, "forbidden", "an agent picks calls up to its own extension only");
        }
        switch (parking.pickup(caller.tenantId(), slot, device)) {
            case CommandResult.Accepted accepted -> Json.write(ctx, 202, Map.of("call_id", accepted.callId(), "slot",
                    slot, "status", "picking_up"));
            case CommandResult.Refused r -> throw refused(r.refusal());
        }
    }
}
