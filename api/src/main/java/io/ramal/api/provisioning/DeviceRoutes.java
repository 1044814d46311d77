package io.ramal.api.provisioning;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.calls.TenantBoards;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.TenantSnapshot;
import io.ramal.store.Extension;
import io.ramal.store.Extensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live view of every extension under {@code /api/v1/devices}: each provisioned extension with
 * its registration (contacts, what the phone can be made to do) and its line state —
 * {@code idle}, {@code ringing}, {@code busy} or {@code held} — with the calls it is in. Read from
 * the same CTI state as the event stream, so it agrees with {@code device.*} and {@code call.*}
 * events. Any user of the tenant, or an API key with {@code calls:read}.
 */
public final class DeviceRoutes {

    public static final String DEVICES = "/api/v1/devices";
    public static final String DEVICE = DEVICES + "/{number}";

    private final BearerAuthentication authentication;
    private final Extensions extensions;
    private final TenantBoards boards;

    public DeviceRoutes(BearerAuthentication authentication, Extensions extensions, TenantBoards boards) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.boards = Objects.requireNonNull(boards, "boards");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(DEVICES, this::list);
        routes.get(DEVICE, this::show);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        TenantSnapshot now = boards.onTenant(caller.tenantId(), board -> board.snapshot());
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Extension e : extensions.list(caller.tenantId())) {
            devices.add(view(e, now));
        }
        Json.write(ctx, 200, Map.of("devices", devices));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String number = ctx.pathParam("number");
        Extension e = extensions.find(caller.tenantId(), number)
                .orElseThrow(() -> new ApiException(404, "device_not_found", "no extension " + number));
        TenantSnapshot now = boards.onTenant(caller.tenantId(), board -> board.snapshot());
        Json.write(ctx, 200, view(e, now));
    }

    private static Map<String, Object> view(Extension e, TenantSnapshot now) {
        Optional<DeviceSnapshot> device = now.device(e.number());
        List<String> calls = new ArrayList<>();
        LineState line = LineState.IDLE;
        for (CallSnapshot call : now.calls()) {
            Optional<PartySnapshot> party = call.party(e.number()).filter(p -> !p.endpoint().external()
                    && p.state().visible());
            if (party.isPresent()) {
                calls.add(call.callId());
                line = line.max(LineState.of(party.get().state()));
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", e.number());
        v.put("name", e.displayName());
        v.put("registered", device.map(DeviceSnapshot::registered).orElse(false));
        v.put("contacts", device.map(DeviceSnapshot::contacts).orElse(0));
        v.put("abilities", device.map(d -> d.abilities().toJson()).orElse(Map.of()));
        v.put("registration_since", device.map(d -> d.since().toString()).orElse(null));
        v.put("state", line.wire());
        v.put("calls", calls);
        return v;
    }

    /** A line's state from its parties, the busiest winning: a phone talking on one call and ringing for another is busy. */
    private enum LineState {
        IDLE, HELD, RINGING, BUSY;

        static LineState of(ConnectionState party) {
            return switch (party) {
                case CONNECTED, INITIATED -> BUSY;
                case ALERTING, QUEUED -> RINGING;
                case HELD -> HELD;
                case NULL, FAILED, CLEARED -> IDLE;
            };
        }

        LineState max(LineState other) {
            return other.ordinal() > ordinal() ? other : this;
        }

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
