package io.ramal.api.queues;

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
import io.ramal.api.http.StatsWindow;
import io.ramal.api.ivr.PromptExchange;
import io.ramal.api.ivr.PromptUpload;
import io.ramal.api.ivr.StoredPrompt;
import io.ramal.api.ivr.TenantPrompts;
import io.ramal.cti.queue.AgentStats;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueCall;
import io.ramal.cti.queue.QueueLive;
import io.ramal.cti.queue.QueueOutcome;
import io.ramal.cti.queue.QueueRefusal;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.QueueStats;
import io.ramal.store.Extensions;
import io.ramal.store.IvrMenus;
import io.ramal.store.QueueCallHistory;
import io.ramal.store.Queues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's queues under {@code /api/v1/queues}: any user (or a key with {@code calls:read}) reads them,
 * their waiting callers and their statistics over a window (durable, see {@link QueueStats}); admins add, change and delete them. Queues the config file
 * lists are read-only here, except for their announcement ({@code PUT …/announcement} with a WAV, checked
 * and kept like a voice menu's prompt). A queue's {@code number} is what the tenant's phones dial to reach
 * it: no other queue's and no extension's ({@code 409 number_in_use}). See {@code docs/queues-api.md}.
 */
public final class QueueRoutes {

    public static final String QUEUES = "/api/v1/queues";
    public static final String QUEUE = QUEUES + "/{name}";
    public static final String STATS = "/api/v1/queue-stats";
    public static final String ANNOUNCEMENT = QUEUE + "/announcement";

    private final BearerAuthentication authentication;
    private final QueueDesk desk;
    private final Queues queues;
    private final Extensions extensions;
    private final ConfiguredQueues config;
    private final IvrMenus menus;
    private final TenantPrompts prompts;
    private final QueueCallHistory history;
    private final Runnable directoryChanged;

    /**
     * {@code prompts} keeps the queues' announcements (with the voice menus' prompts, which {@code menus}
     * name: a prompt goes only when neither uses it); {@code history} what became of the queues' callers
     * (the statistics); {@code directoryChanged} runs after a queue is added, changed or deleted, so the
     * PBX's dial plan sees its number.
     */
    public QueueRoutes(BearerAuthentication authentication, QueueDesk desk, Queues queues, Extensions extensions,
            ConfiguredQueues config, IvrMenus menus, TenantPrompts prompts, QueueCallHistory history,
            Runnable directoryChanged) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.config = Objects.requireNonNull(config, "config");
        this.menus = Objects.requireNonNull(menus, "menus");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.history = Objects.requireNonNull(history, "history");
        this.directoryChanged = Objects.requireNonNull(directoryChanged, "directoryChanged");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(QUEUES, this::list);
        routes.post(QUEUES, this::create);
        routes.get(QUEUE, this::show);
        routes.patch(QUEUE, this::update);
        routes.delete(QUEUE, this::delete);
        routes.get(QUEUE + "/callers", this::callers);
        routes.get(QUEUE + "/stats", this::stats);
        routes.get(STATS, this::allStats);
        routes.put(ANNOUNCEMENT, this::upload);
        routes.get(ANNOUNCEMENT, this::download);
        routes.delete(ANNOUNCEMENT, this::removeAnnouncement);
    }

    private void list(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String tenant = caller.tenantId();
        Map<String, String> announcements = queues.announcements(tenant);
        List<Map<String, Object>> all = desk.read(tenant, (acd, states) -> acd.queues()).stream()
                .map(q -> view(tenant, q, Optional.ofNullable(announcements.get(q.name())))).toList();
        Json.write(ctx, 200, Map.of("queues", all));
    }

    private void show(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        Json.write(ctx, 200, view(caller.tenantId(), target(caller, ctx)));
    }

    private void create(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        ObjectNode body = Json.readObject(ctx);
        String name = QueueFields.name(JsonFields.requiredText(body, "name"));
        QueueSettings settings = QueueFields.over(QueueSettings.defaults(name), body);
        checkOverflow(tenant, settings);
        checkNumber(tenant, settings);
        QueueOutcome outcome = desk.act(tenant, (acd, states) -> {
            if (acd.queue(name).isPresent()) {
                throw new ApiException(409, "queue_exists", "queue " + name + " exists already");
            }
            queues.save(tenant, settings, desk.now());
            return acd.define(settings, desk.now(), states);
        });
        refuseIfRefused(outcome);
        directoryChanged.run();
        ctx.header("Location", QUEUES + "/" + name);
        Json.write(ctx, 201, view(tenant, settings));
    }

    private void update(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        QueueSettings current = target(admin, ctx);
        config.refuseChange(tenant, current.name());
        ObjectNode body = Json.readObject(ctx);
        if (body.has("name") && !body.get("name").asText().equals(current.name())) {
            throw JsonFields.invalid("a queue's name cannot change");
        }
        QueueSettings next = QueueFields.over(current, body);
        checkOverflow(tenant, next);
        checkNumber(tenant, next);
        refuseIfRefused(desk.act(tenant, (acd, states) -> {
            if (acd.queue(next.name()).isEmpty()) {
                throw notFound(next.name());
            }
            queues.save(tenant, next, desk.now());
            return acd.define(next, desk.now(), states);
        }));
        directoryChanged.run();
        Json.write(ctx, 200, view(tenant, next));
    }

    private void delete(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        QueueSettings current = target(admin, ctx);
        config.refuseChange(tenant, current.name());
        Optional<String> announcement = queues.announcement(tenant, current.name());
        refuseIfRefused(desk.act(tenant, (acd, states) -> {
            List<String> pointing = acd.queues().stream()
                    .filter(q -> q.overflow().filter(o -> o.kind() == OverflowTarget.Kind.QUEUE
                            && o.value().equals(current.name())).isPresent())
                    .map(QueueSettings::name).toList();
            if (!pointing.isEmpty()) {
                throw new ApiException(409, "queue_in_use", "queues " + pointing + " overflow to queue "
                        + current.name() + "; point them elsewhere first");
            }
            QueueOutcome outcome = acd.remove(current.name(), admin.userId(), desk.now(), states);
            if (outcome.refusal().isEmpty()) {
                queues.delete(tenant, current.name());
            }
            return outcome;
        }));
        announcement.ifPresent(reference -> forgetIfUnused(tenant, reference));
        directoryChanged.run();
        ctx.status(204);
    }

    /**
     * {@code PUT …/announcement}: a WAV, checked and converted like a voice menu's prompt, becomes what the
     * queue's waiting callers hear whenever it announces. Allowed on queues the config file manages too.
     */
    private void upload(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        QueueSettings current = target(admin, ctx);
        byte[] wav = AudioUploads.read(ctx, prompts.maxUploadBytes());
        PromptUpload.Stored stored = PromptExchange.accepted(prompts.store(tenant, wav));
        String reference = stored.prompt().sha256();
        Optional<String> before = queues.announcement(tenant, current.name());
        if (!queues.useAnnouncement(tenant, current.name(), Optional.of(reference))) {
            throw notFound(current.name());
        }
        before.filter(old -> !old.equals(reference)).ifPresent(old -> forgetIfUnused(tenant, old));
        Map<String, Object> body = stored.prompt().toJson();
        body.put("uploaded_format", stored.uploadedFormat());
        Json.write(ctx, 200, body);
    }

    private void download(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        QueueSettings queue = target(admin, ctx);
        StoredPrompt prompt = queues.announcement(tenant, queue.name())
                .flatMap(reference -> prompts.find(tenant, reference))
                .orElseThrow(() -> new ApiException(404, "announcement_not_found", "queue " + queue.name()
                        + " has no announcement; its callers hear music only"));
        PromptExchange.send(ctx, prompt, "queue-" + queue.name() + ".wav");
    }

    private void removeAnnouncement(Context ctx) {
        Principal admin = authentication.require(ctx, Permission.ADMIN);
        String tenant = admin.tenantId();
        QueueSettings current = target(admin, ctx);
        Optional<String> before = queues.announcement(tenant, current.name());
        queues.useAnnouncement(tenant, current.name(), Optional.empty());
        before.ifPresent(reference -> forgetIfUnused(tenant, reference));
        Json.write(ctx, 200, view(tenant, current, Optional.empty()));
    }

    /** A prompt no queue (as its announcement) and no voice menu uses any more goes. */
    private void forgetIfUnused(String tenant, String reference) {
        if (!queues.announcements(tenant).containsValue(reference)
                && !menus.promptReferences(tenant).contains(reference)) {
            prompts.forget(tenant, reference);
        }
    }

    private void callers(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String name = target(caller, ctx).name();
        List<Object> waiting = new ArrayList<>();
        desk.read(caller.tenantId(), (acd, states) -> acd.callers(name, desk.now()))
                .forEach(c -> waiting.add(c.toJson()));
        Json.write(ctx, 200, Map.of("callers", waiting));
    }

    /**
     * A queue's numbers over the window asked for (default: the current UTC day): the callers that entered
     * in it, from the store; callers waiting now and the members, live.
     */
    private void stats(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String tenant = caller.tenantId();
        String name = ctx.pathParam("name");
        StatsWindow window = StatsWindow.of(ctx, desk.now());
        QueueLive live = desk.read(tenant, (acd, states) -> acd.live(name, desk.now(), states))
                .orElseThrow(() -> notFound(name));
        List<QueueCall> entered = history.entered(tenant, Optional.of(name), window.from(), window.to());
        Json.write(ctx, 200, QueueStats.of(live, window.from(), window.to(), entered).toJson());
    }

    private void allStats(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String tenant = caller.tenantId();
        StatsWindow window = StatsWindow.of(ctx, desk.now());
        List<QueueLive> live = desk.read(tenant, (acd, states) -> acd.queues().stream()
                .flatMap(q -> acd.live(q.name(), desk.now(), states).stream()).toList());
        List<QueueCall> entered = history.entered(tenant, Optional.empty(), window.from(), window.to());
        List<Object> perQueue = new ArrayList<>();
        live.forEach(q -> perQueue.add(QueueStats.of(q, window.from(), window.to(), entered).toJson()));
        List<Object> perAgent = new ArrayList<>();
        AgentStats.of(entered).stream()
                .sorted(Comparator.comparing(AgentStats::username).thenComparing(AgentStats::agentId))
                .forEach(a -> perAgent.add(a.toJson()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", window.from().toString());
        body.put("to", window.to().toString());
        body.put("queues", perQueue);
        body.put("agents", perAgent);
        Json.write(ctx, 200, body);
    }

    /** An overflow to an extension or queue of the tenant must name one that exists. */
    private void checkOverflow(String tenant, QueueSettings settings) {
        Optional<OverflowTarget> to = settings.overflow();
        if (to.isEmpty()) {
            return;
        }
        switch (to.get().kind()) {
            case EXTENSION -> {
                if (extensions.find(tenant, to.get().value()).isEmpty()) {
                    throw new ApiException(400, "unknown_extension", "the tenant has no extension " + to.get().value());
                }
            }
            case QUEUE -> {
                if (queues.find(tenant, to.get().value()).isEmpty()) {
                    throw new ApiException(400, "unknown_queue", "the tenant has no queue " + to.get().value());
                }
            }
            case NUMBER -> { }
        }
    }

    /** A queue's number is dialled by the tenant's phones: no extension and no other queue may have it. */
    private void checkNumber(String tenant, QueueSettings settings) {
        if (settings.number().isEmpty()) {
            return;
        }
        String number = settings.number().get();
        if (extensions.find(tenant, number).isPresent()) {
            throw numberInUse("extension " + number + " has number " + number
                    + "; a queue's number must differ from every extension's");
        }
        queues.byNumber(tenant, number).filter(q -> !q.name().equals(settings.name())).ifPresent(q -> {
            throw numberInUse("queue " + q.name() + " has number " + number + " already");
        });
    }

    /** The refusal of a number some extension or queue of the tenant has already. */
    public static ApiException numberInUse(String message) {
        return new ApiException(409, "number_in_use", message);
    }

    private QueueSettings target(Principal caller, Context ctx) {
        String name = ctx.pathParam("name");
        return desk.read(caller.tenantId(), (acd, states) -> acd.queue(name)).orElseThrow(() -> notFound(name));
    }

    static ApiException notFound(String name) {
        return new ApiException(404, "queue_not_found", "no queue " + name);
    }

    /** The distributor's refusals as API errors. */
    static void refuseIfRefused(QueueOutcome outcome) {
        outcome.refusal().ifPresent(refusal -> {
            int status = refusal.code() == QueueRefusal.Code.QUEUE_NOT_EMPTY ? 409 : 404;
            throw new ApiException(status, refusal.code().wire(), refusal.message());
        });
    }

    private Map<String, Object> view(String tenant, QueueSettings settings) {
        return view(tenant, settings, queues.announcement(tenant, settings.name()));
    }

    private Map<String, Object> view(String tenant, QueueSettings settings, Optional<String> announcement) {
        Map<String, Object> v = new LinkedHashMap<>(settings.toJson());
        v.put("announcement", announcement.flatMap(reference -> prompts.find(tenant, reference))
                .map(StoredPrompt::toJson).orElse(null));
        v.put("managed_by", config.managedBy(tenant, settings.name()));
        return v;
    }
}
