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
import io.ramal.store.Dids;
import io.ramal.store.Extension;
import io.ramal.store.Extensions;
import io.ramal.store.Queues;
import io.ramal.store.RecordingPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A tenant's extensions under {@code /api/v1/extensions}, for its admins: the SIP accounts phones
 * register with. The password is write-only — only its digest HA1 values are stored — and a change
 * takes effect at the phone's next registration. Every change reaches the PBX at once
 * ({@code changed} drops its cached directory).
 */
public final class ExtensionRoutes {

    public static final String EXTENSIONS = "/api/v1/extensions";
    public static final String EXTENSION = EXTENSIONS + "/{number}";

    private final BearerAuthentication authentication;
    private final Extensions extensions;
    private final Dids dids;
    private final Queues queues;
    private final UnaryOperator<String> realmOf;
    private final ConfigListed config;
    private final Runnable changed;

    /**
     * @param realmOf the digest realm of a tenant (the PBX's rule), for the HA1 of new passwords
     * @param queues  the tenant's queues: a number a queue is dialled by is no extension's
     * @param changed called after every change, so the PBX reads its directory again
     */
    public ExtensionRoutes(BearerAuthentication authentication, Extensions extensions, Dids dids, Queues queues,
            UnaryOperator<String> realmOf, ConfigListed config, Runnable changed) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.dids = Objects.requireNonNull(dids, "dids");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.realmOf = Objects.requireNonNull(realmOf, "realmOf");
        this.config = Objects.requireNonNull(config, "config");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(EXTENSIONS, this::list);
        routes.post(EXTENSIONS, this::create);
        routes.get(EXTENSION, this::show);
        routes.patch(EXTENSION, this::update);
        routes.delete(EXTENSION, this::delete);
    }

    private void list(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        List<Map<String, Object>> all = extensions.list(admin.tenantId()).stream().map(this::view).toList();
        Json.write(ctx, 200, Map.of("extensions", all));
    }

    private void show(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Json.write(ctx, 200, view(target(admin, ctx)));
    }

    private void create(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        ObjectNode body = Json.readObject(ctx);
        String number = ProvisioningFields.number("number", JsonFields.requiredText(body, "number"));
        String name = ProvisioningFields.displayName(JsonFields.optionalText(body, "name").orElse(""));
        String password = ProvisioningFields.sipPassword(number, JsonFields.requiredText(body, "password"));
        if (extensions.find(admin.tenantId(), number).isPresent()) {
            throw new ApiException(409, "extension_exists", "extension " + number + " exists already");
        }
        queues.byNumber(admin.tenantId(), number).ifPresent(q -> {
            throw io.ramal.api.queues.QueueRoutes.numberInUse("queue " + q.name() + " has number " + number
                    + "; an extension's number must differ from every queue's");
        });
        Extension created = Extension.withPassword(admin.tenantId(), number, name, realmOf.apply(admin.tenantId()),
                password).withRecordingPolicy(recordingPolicy(body).orElse(Optional.empty()));
        extensions.save(created);
        changed.run();
        ctx.header("Location", EXTENSIONS + "/" + number);
        Json.write(ctx, 201, view(created));
    }

    private void update(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Extension current = target(admin, ctx);
        ConfigListed.refuseChange(config.extension(admin.tenantId(), current.number()),
                "extension " + current.number());
        ObjectNode body = Json.readObject(ctx);
        String name = JsonFields.optionalText(body, "name").map(ProvisioningFields::displayName)
                .orElse(current.displayName());
        Extension next = JsonFields.optionalText(body, "password")
                .map(p -> Extension.withPassword(current.tenantId(), current.number(), name, current.realm(),
                        ProvisioningFields.sipPassword(current.number(), p)))
                .orElseGet(() -> new Extension(current.tenantId(), current.number(), name, current.realm(),
                        current.ha1()))
                .withRecordingPolicy(recordingPolicy(body).orElse(current.recordingPolicy()));
        extensions.save(next);
        changed.run();
        Json.write(ctx, 200, view(next));
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        Extension current = target(admin, ctx);
        ConfigListed.refuseChange(config.extension(admin.tenantId(), current.number()),
                "extension " + current.number());
        List<String> pointing = dids.list(admin.tenantId()).stream()
                .filter(d -> d.target().equals(new io.ramal.store.DidTarget.Extension(current.number()))).map(Did::number).toList();
        if (!pointing.isEmpty()) {
            throw new ApiException(409, "extension_in_use", "DIDs " + pointing + " lead to extension "
                    + current.number() + "; point them elsewhere first");
        }
        extensions.delete(admin.tenantId(), current.number());
        changed.run();
        ctx.status(204);
    }

    /**
     * {@code record}: {@code always}, {@code never} or {@code on_demand}; JSON {@code null} means
     * "as the tenant says". Absent: no change (empty).
     */
    private static Optional<Optional<RecordingPolicy>> recordingPolicy(ObjectNode body) {
        if (!JsonFields.has(body, "record")) {
            return Optional.empty();
        }
        Optional<String> text = JsonFields.optionalText(body, "record");
        if (text.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        for (RecordingPolicy policy : RecordingPolicy.values()) {
            if (policy.wireName().equals(text.get())) {
                return Optional.of(Optional.of(policy));
            }
        }
        throw JsonFields.invalid("record must be always, never, on_demand or null (as the tenant says)");
    }

    private Extension target(Principal admin, Context ctx) {
        String number = ctx.pathParam("number");
        return extensions.find(admin.tenantId(), number)
                .orElseThrow(() -> new ApiException(404, "extension_not_found", "no extension " + number));
    }

    private Map<String, Object> view(Extension e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("number", e.number());
        v.put("name", e.displayName());
        v.put("realm", e.realm());
        v.put("record", e.recordingPolicy().map(RecordingPolicy::wireName).orElse(null));
        v.put("managed_by", ConfigListed.managedBy(config.extension(e.tenantId(), e.number())));
        return v;
    }
}
