package io.ramal.api.ivr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.ApiException;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.AudioUploads;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.http.JsonFields;
import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import io.ramal.store.Dids;
import io.ramal.store.Extensions;
import io.ramal.store.IvrMenus;
import io.ramal.store.Queues;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's voice menus under {@code /api/v1/ivrs}: any user (or a key with {@code calls:read}) reads
 * them; admins add, change and delete them and upload their prompts ({@code PUT …/prompt} with a WAV,
 * checked and converted like music on hold: {@code 400 invalid_audio} or {@code 413 audio_too_large}).
 * Every target a menu names must exist in the tenant (an external number must be one). Menus the config
 * file lists are read-only here, except for their prompts. Changes reach the PBX at once. See
 * {@code docs/ivr-api.md}.
 */
public final class IvrRoutes {

    public static final String IVRS = "/api/v1/ivrs";
    public static final String IVR = IVRS + "/{name}";
    public static final String PROMPT = IVR + "/prompt";
    private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{8,20}");

    private final BearerAuthentication authentication;
    private final IvrMenus menus;
    private final Dids dids;
    private final Extensions extensions;
    private final Queues queues;
    private final TenantPrompts prompts;
    private final ConfiguredMenus config;
    private final Runnable changed;
    private final InstantSource clock;

    public IvrRoutes(BearerAuthentication authentication, IvrMenus menus, Dids dids, Extensions extensions,
            Queues queues, TenantPrompts prompts, ConfiguredMenus config, Runnable changed, InstantSource clock) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.menus = Objects.requireNonNull(menus, "menus");
        this.dids = Objects.requireNonNull(dids, "dids");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.config = Objects.requireNonNull(config, "config");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(IVRS, this::list);
        routes.post(IVRS, this::create);
        routes.get(IVR, this::show);
        routes.patch(IVR, this::update);
        routes.delete(IVR, this::delete);
        routes.put(PROMPT, this::upload);
        routes.get(PROMPT, this::download);
        routes.delete(PROMPT, this::removePrompt);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String tenant = caller.tenantId();
        Json.write(ctx, 200, Map.of("ivrs", menus.list(tenant).stream().map(m -> view(tenant, m)).toList()));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        Json.write(ctx, 200, view(caller.tenantId(), target(caller, ctx)));
    }

    private void create(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        ObjectNode body = Json.readObject(ctx);
        String name = IvrFields.name(JsonFields.requiredText(body, "name"));
        IvrMenu menu = IvrFields.over(IvrMenu.defaults(name), body);
        if (menus.find(tenant, name).isPresent()) {
            throw new ApiException(409, "ivr_exists", "voice menu " + name + " exists already");
        }
        checkTargets(tenant, menu);
        menus.save(tenant, menu, clock.instant());
        changed.run();
        ctx.header("Location", IVRS + "/" + name);
        Json.write(ctx, 201, view(tenant, menu));
    }

    private void update(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        IvrMenu current = target(admin, ctx);
        config.refuseChange(tenant, current.name());
        ObjectNode body = Json.readObject(ctx);
        if (body.has("name") && !body.get("name").asText().equals(current.name())) {
            throw JsonFields.invalid("a voice menu's name cannot change");
        }
        IvrMenu next = IvrFields.over(current, body);
        checkTargets(tenant, next);
        menus.save(tenant, next, clock.instant());
        changed.run();
        Json.write(ctx, 200, view(tenant, next));
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        IvrMenu current = target(admin, ctx);
        config.refuseChange(tenant, current.name());
        List<String> leading = new ArrayList<>();
        dids.leadingTo(tenant, current.name()).forEach(did -> leading.add("DID " + did));
        IvrTarget self = new IvrTarget.Menu(current.name());
        menus.list(tenant).stream().filter(m -> !m.name().equals(current.name()) && m.targets().contains(self))
                .forEach(m -> leading.add("voice menu " + m.name()));
        if (!leading.isEmpty()) {
            throw new ApiException(409, "ivr_in_use", String.join(", ", leading) + " lead" + (leading.size() == 1
                    ? "s" : "") + " to voice menu " + current.name() + "; point " + (leading.size() == 1 ? "it" : "them")
                    + " elsewhere first");
        }
        menus.delete(tenant, current.name());
        current.prompt().ifPresent(reference -> forgetIfUnused(tenant, reference));
        changed.run();
        ctx.status(204);
    }

    private void upload(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        IvrMenu current = target(admin, ctx);
        byte[] wav = AudioUploads.read(ctx, prompts.maxUploadBytes());
        PromptUpload.Stored stored = PromptExchange.accepted(prompts.store(tenant, wav));
        String reference = stored.prompt().sha256();
        if (!menus.usePrompt(tenant, current.name(), Optional.of(reference))) {
            throw notFound(current.name());
        }
        current.prompt().filter(old -> !old.equals(reference)).ifPresent(old -> forgetIfUnused(tenant, old));
        changed.run();
        Map<String, Object> body = promptView(stored.prompt());
        body.put("uploaded_format", stored.uploadedFormat());
        Json.write(ctx, 200, body);
    }

    private void download(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        IvrMenu menu = target(admin, ctx);
        StoredPrompt prompt = menu.prompt().flatMap(reference -> prompts.find(admin.tenantId(), reference))
                .orElseThrow(() -> new ApiException(404, "prompt_not_found", "voice menu " + menu.name()
                        + " has no prompt; its callers hear a beep"));
        PromptExchange.send(ctx, prompt, "ivr-" + menu.name() + ".wav");
    }

    private void removePrompt(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        IvrMenu current = target(admin, ctx);
        menus.usePrompt(tenant, current.name(), Optional.empty());
        current.prompt().ifPresent(reference -> forgetIfUnused(tenant, reference));
        changed.run();
        Json.write(ctx, 200, view(tenant, current.withPrompt(Optional.empty())));
    }

    /** Every extension, queue and menu a menu names must exist in the tenant; numbers must be external. */
    private void checkTargets(String tenant, IvrMenu menu) {
        for (IvrTarget target : menu.targets()) {
            switch (target) {
                case IvrTarget.Extension e -> {
                    if (extensions.find(tenant, e.value()).isEmpty()) {
                        throw new ApiException(400, "unknown_extension", "the tenant has no extension " + e.value());
                    }
                }
                case IvrTarget.Queue q -> {
                    if (queues.find(tenant, q.value()).isEmpty()) {
                        throw new ApiException(400, "unknown_queue", "the tenant has no queue " + q.value());
                    }
                }
                case IvrTarget.Menu m -> {
                    if (!m.value().equals(menu.name()) && menus.find(tenant, m.value()).isEmpty()) {
                        throw new ApiException(400, "unknown_ivr", "the tenant has no voice menu " + m.value());
                    }
                }
                case IvrTarget.ExternalNumber n -> {
                    if (!EXTERNAL.matcher(n.value()).matches()) {
                        throw JsonFields.invalid("number:" + n.value() + " is no external number (8 to 20 digits,"
                                + " optional leading +); an extension is extension:N");
                    }
                }
            }
        }
    }

    /** A prompt no menu and no queue (as its announcement) uses any more goes. */
    private void forgetIfUnused(String tenant, String reference) {
        if (!menus.promptReferences(tenant).contains(reference)
                && !queues.announcements(tenant).containsValue(reference)) {
            prompts.forget(tenant, reference);
        }
    }

    private IvrMenu target(Principal caller, Context ctx) {
        String name = ctx.pathParam("name");
        return menus.find(caller.tenantId(), name).orElseThrow(() -> notFound(name));
    }

    static ApiException notFound(String name) {
        return new ApiException(404, "ivr_not_found", "no voice menu " + name);
    }

    private Map<String, Object> view(String tenant, IvrMenu menu) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", menu.name());
        Map<String, Object> options = new LinkedHashMap<>();
        menu.options().forEach((key, target) -> options.put(String.valueOf(key), target.toString()));
        v.put("options", options);
        v.put("timeout_s", menu.timeout().toSeconds());
        v.put("max_retries", menu.maxRetries());
        v.put("default_target", menu.defaultTarget().map(Object::toString).orElse(null));
        v.put("invalid_target", menu.invalidTarget().map(Object::toString).orElse(null));
        v.put("prompt", menu.prompt().flatMap(reference -> prompts.find(tenant, reference)).map(IvrRoutes::promptView)
                .orElse(null));
        v.put("managed_by", config.managedBy(tenant, menu.name()));
        return v;
    }

    private static Map<String, Object> promptView(StoredPrompt prompt) {
        return prompt.toJson();
    }
}
