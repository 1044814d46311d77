package io.ramal.api.agents;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.store.AgentPositions;
import io.ramal.store.Extensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Position ids (EPBX "IdPa") under {@code /api/v1/agent-positions}: a number printed on a desk that
 * an agent logs in with, naming the extension there. Admins only.
 */
public final class PositionRoutes {

    public static final String POSITIONS = "/api/v1/agent-positions";
    public static final String POSITION = POSITIONS + "/{position}";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private final BearerAuthentication authentication;
    private final AgentPositions positions;
    private final Extensions extensions;

    public PositionRoutes(BearerAuthentication authentication, AgentPositions positions, Extensions extensions) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(POSITIONS, this::list);
        routes.put(POSITION, this::save);
        routes.delete(POSITION, this::delete);
    }

    private void list(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        List<Object> all = new ArrayList<>();
        positions.list(admin.tenantId()).forEach(e -> all.add(view(e.getKey(), e.getValue())));
        Json.write(ctx, 200, Map.of("positions", all));
    }

    private void save(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String position = ctx.pathParam("position");
        if (!ID.matcher(position).matches()) {
            throw JsonFields.invalid("a position id is 1-20 of letters, digits, '-' and '_'");
        }
        String extension = JsonFields.requiredText(Json.readObject(ctx), "extension");
        if (extensions.find(admin.tenantId(), extension).isEmpty()) {
            throw new ApiException(404, "device_not_found", "no extension " + extension);
        }
        positions.save(admin.tenantId(), position, extension);
        Json.write(ctx, 200, view(position, extension));
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String position = ctx.pathParam("position");
        if (!positions.delete(admin.tenantId(), position)) {
            throw new ApiException(404, "position_not_found", "no position " + position);
        }
        ctx.status(204);
    }

    private static Map<String, Object> view(String position, String extension) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("position", position);
        v.put("extension", extension);
        return v;
    }
}
