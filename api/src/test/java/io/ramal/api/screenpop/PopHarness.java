package io.ramal.api.screenpop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.ramal.api.ApiException;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.Principal;
import io.ramal.api.auth.Role;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.Fanout;
import io.ramal.api.events.JournalEvent;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.webhooks.AddressGuard;
import io.ramal.api.webhooks.OutboundGuard;
import io.ramal.api.webhooks.WebhookConfig;
import io.ramal.api.webhooks.Webhooks;
import io.ramal.store.Database;
import io.ramal.store.EventLog;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.User;
import io.ramal.store.Users;
import io.ramal.store.WebhookAllowLists;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scratch SQLite store with the real event journal, the webhook engine's enlistment and the
 * screen pop engine on it (short poll and delays), the CRM lookup admin on a Javalin server on
 * 127.0.0.1, and helpers to ring extensions the way the CTI desk appends {@code call.delivered}.
 * Addresses are literals only (no DNS); 127.0.0.1 is refused unless a tenant allows it.
 */
final class PopHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ScreenPopConfig FAST = new ScreenPopConfig(Duration.ofMillis(50), Duration.ofSeconds(11),
            Duration.ofSeconds(12), Duration.ofDays(1), Duration.ofMinutes(1), 8, 100, 4_096);

    final ScratchDatabase scratch = ScratchDatabase.create(Backend.SQLITE);
    final Database database = scratch.open();
    final Webhooks webhooks = new Webhooks(database.dataSource(), InstantSource.system(), WebhookConfig.defaults());
    final OutboundGuard guard = new OutboundGuard(webhooks,
            new AddressGuard(host -> List.of(InetAddress.getByName(host))));
    final Fanout fanout = new Fanout();
    private final List<ScreenPops> engines = new ArrayList<>();
    private ScreenPops current;
    final EventJournal journal;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private Javalin api;

    PopHarness() {
        current = engine();
        journal = new EventJournal(new EventLog(database.dataSource(), InstantSource.system()), fanout,
                (transaction, events) -> {
                    webhooks.enlist(transaction, events);
                    current.enlist(transaction, events);
                }, () -> current.afterCommit());
    }

    /** A new screen pop engine on the same store, not started. */
    ScreenPops engine() {
        ScreenPops engine = new ScreenPops(database.dataSource(), guard, FAST, InstantSource.system());
        synchronized (engines) {
            engines.add(engine);
        }
        return engine;
    }

    /** Starts the current engine. */
    PopHarness start() {
        current.start(journal);
        return this;
    }

    /** Stops the current engine (a crash, as far as its claims go) and makes a new one current, not started. */
    ScreenPops replaceEngine() {
        current.close();
        current = engine();
        return current;
    }

    ScreenPops current() {
        return current;
    }

    /** A new tenant; {@code allowLoopback} lets its lookups reach 127.0.0.1. */
    String tenant(boolean allowLoopback) {
        String id = "t-" + UUID.randomUUID();
        new Tenants(database.dataSource()).save(new Tenant(id, "Tenant " + id, Instant.now()));
        if (allowLoopback) {
            new WebhookAllowLists(database.dataSource()).replace(id, List.of("127.0.0.1/32"));
        }
        return id;
    }

    User user(String tenant, String username, String extension) {
        User user = User.create("u-" + UUID.randomUUID(), tenant, username, "$2a$10$hash", Set.of("agent"),
                Optional.of(extension), Instant.now());
        new Users(database.dataSource()).insert(user);
        return user;
    }

    /** {@code call.delivered} as the CTI desk appends it: the call rings {@code device}. */
    JournalEvent ring(String tenant, String callId, String device, boolean external, String callerNumber,
            String callerName) {
        Map<String, Object> party = new java.util.LinkedHashMap<>();
        party.put("device", device);
        party.put("external", external);
        party.put("state", "alerting");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("direction", "inbound");
        fields.put("caller_number", callerNumber);
        fields.put("caller_name", callerName);
        fields.put("callee_number", "+551130001000");
        fields.put("callee_name", null);
        fields.put("data", Map.of("party", party));
        fields.put("call", Map.of("call_id", callId, "state", "alerting"));
        return journal.append(tenant, "call.delivered", Optional.of(callId), Optional.of(device), fields);
    }

    /** Collects the tenant's events from now on, as their wire frames. */
    Recorder record(String tenant) {
        Recorder recorder = new Recorder();
        journal.subscribe(tenant, event -> recorder.frames.add(read(event.frame())));
        return recorder;
    }

    static final class Recorder {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

        /** The next event of this type, within the wait; fails otherwise. */
        JsonNode next(String type, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                JsonNode frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no " + type + " within " + within);
                }
                if (frame.path("type").asText().equals(type)) {
                    return frame;
                }
            }
        }

        /** Every event of this type that arrives within the wait. */
        List<JsonNode> all(String type, Duration within) throws InterruptedException {
            Thread.sleep(within.toMillis());
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode frame : frames) {
                if (frame.path("type").asText().equals(type)) {
                    all.add(frame);
                }
            }
            return all;
        }
    }

    /** Serves the CRM lookup admin; the bearer is {@code test:<tenant>;<ROLE>}. */
    void startApi() {
        BearerVerifier callers = (credential, now) -> {
            String[] parts = credential.split(";", -1);
            if (parts.length != 2 || !parts[0].startsWith("test:")) {
                return new BearerVerifier.Verification.Rejected("invalid_token", "not a test caller");
            }
            return new BearerVerifier.Verification.Valid(new Principal(parts[0].substring(5), "u1", "someone",
                    Set.of(Role.valueOf(parts[1])), Set.of(), Optional.empty(), Principal.Kind.ACCESS_TOKEN),
                    Instant.MAX);
        };
        ScreenPopAdmin admin = new ScreenPopAdmin(current, new BearerAuthentication(callers, InstantSource.system()));
        api = Javalin.create(config -> {
            config.routes.exception(ApiException.class, (e, ctx) -> {
                try {
                    ctx.status(e.status()).contentType("application/json").result(JSON.writeValueAsString(e.body()));
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            });
            admin.addTo(config.routes);
        }).start("127.0.0.1", 0);
    }

    record Answer(int status, JsonNode json) {
        String code() {
            return json.path("code").asText();
        }
    }

    Answer call(String method, String path, String tenant, Role role, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer test:" + tenant + ";" + role.name())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.missingNode()
                    : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        synchronized (engines) {
            engines.forEach(ScreenPops::close);
        }
        if (api != null) {
            api.stop();
        }
        fanout.close();
        http.close();
        scratch.close();
    }
}
