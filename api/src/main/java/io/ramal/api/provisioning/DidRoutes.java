package io.ramal.api.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.store.Did;
import io.ramal.store.DidTarget;
import io.ramal.store.Queues;
import io.ramal.store.Dids;
import io.ramal.store.Extensions;
import io.ramal.store.IvrMenus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's DIDs under {@code /api/v1/dids}, for its admins: the numbers of its trunks and where
 * their calls go — one of its extensions, queues or voice menus. Changes reach the PBX at once.
 */
public final class DidRoutes {

    public static final String DIDS = "/api/v1/dids";
    public static final String DID = DIDS + "/{number}";

    private final BearerAuthentication authentication;
    private final Dids dids;
    private final Extensions extensions;
    private final Queues queues;
    private final IvrMenus menus;
    private final ConfigListed config;
    private final Runnable changed;

    public DidRoutes(BearerAuthentication authentication, Dids dids, Extensions extensions, Queues queues,
            IvrMenus menus, ConfigListed config, Runnable changed) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.menus = Objects.requireNonNull(menus, "menus");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.dids = Objects.requireNonNull(dids, "dids");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.config = Objects.requireNonNull(config, "config");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(DIDS, this::list);
        routes.get(DID, this::show);
        routes.put(DID, this::put);
        routes.delete(DID, this::delete);
    }

    private void list(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Json.write(ctx, 200, Map.of("dids", dids.list(admin.tenantId()).stream().map(this::view).toList()));
    }

    private void show(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String number = ctx.pathParam("number");
        Did did = dids.find(admin.tenantId(), number)
                .orElseThrow(() -> new ApiException(404, "did_not_found", "no DID " + number));
        Json.write(ctx, 200, view(did));
    }

    /** Creates the DID or points it at another extension, a queue or a menu: 201 when new, 200 when changed. */
    private void put(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String number = ProvisioningFields.number("number", ctx.pathParam("number"));
        ConfigListed.refuseChange(config.did(admin.tenantId(), number), "DID " + number);
        ObjectNode body = Json.readObject(ctx);
        Did did = new Did(admin.tenantId(), number, target(admin.tenantId(), body));
        boolean existed = dids.find(admin.tenantId(), number).isPresent();
        dids.save(did);
        changed.run();
        if (!existed) {
            ctx.header("Location", DIDS + "/" + number);
        }
        Json.write(ctx, existed ? 200 : 201, view(did));
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String number = ctx.pathParam("number");
        ConfigListed.refuseChange(config.did(admin.tenantId(), number), "DID " + number);
        if (!dids.delete(admin.tenantId(), number)) {
            throw new ApiException(404, "did_not_found", "no DID " + number);
        }
        changed.run();
        ctx.status(204);
    }

    /** The body's target: exactly one of {@code extension}, {@code queue} and {@code ivr}, which must exist. */
    private DidTarget target(String tenant, ObjectNode body) {
        boolean toQueue = body.hasNonNull("queue");
        boolean toMenu = body.hasNonNull("ivr");
        int given = (toQueue ? 1 : 0) + (toMenu ? 1 : 0) + (body.hasNonNull("extension") ? 1 : 0);
        if (given != 1) {
            throw new ApiException(400, "invalid_request", "give exactly one of 'extension', 'queue' and 'ivr'");
        }
        if (toMenu) {
            String menu = JsonFields.requiredText(body, "ivr");
            if (menus.find(tenant, menu).isEmpty()) {
                throw new ApiException(400, "unknown_ivr", "the tenant has no voice menu " + menu);
            }
            return new DidTarget.Ivr(menu);
        }
        if (toQueue) {
            String queue = JsonFields.requiredText(body, "queue");
            if (queues.find(tenant, queue).isEmpty()) {
                throw new ApiException(400, "unknown_queue", "the tenant has no queue " + queue);
            }
            return new DidTarget.Queue(queue);
        }
        String extension = JsonFields.requiredText(body, "extension");
        if (extensions.find(tenant, extension).isEmpty()) {
            throw new ApiException(400, "unknown_extension", "the tenant has no extension " + extension);
        }
        return new DidTarget.Extension(extension);
    }

    private Map<String, Object> view(Did did) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", did.number());
        v.put(switch (did.target()) {
            case DidTarget.Extension e -> "extension";
            case DidTarget.Queue q -> "queue";
            case DidTarget.Ivr i -> "ivr";
        }, did.target().name());
        v.put("managed_by", ConfigListed.managedBy(config.did(did.tenantId(), did.number())));
        return v;
    }
}
