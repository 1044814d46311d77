package io.ramal.api.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.ramal.api.ApiException;
import io.ramal.api.auth.BearerVerifier;
import io.ramal.api.auth.Principal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.auth.Role;
import io.ramal.store.Database;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.WebhookAllowLists;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scratch database with the webhook engine on it, the admin API on a Javalin server on
 * 127.0.0.1, and helpers to append events the way the event log will (inside a transaction) and
 * to call the API as a given tenant and role. Backoffs and timeouts are tiny.
 */
final class WebhookHarness implements AutoCloseable {

    static final HostResolver LOOPBACK_ONLY = host -> Cidr.literal(host)
            .map(List::of)
            .orElseThrow(() -> new UnknownHostException(host + " (tests resolve no names)"));

    final ScratchDatabase scratch;
    final Database database;
    final Webhooks webhooks;
    final AddressGuard guard = new AddressGuard(LOOPBACK_ONLY);
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private Javalin api;

    WebhookHarness(Backend backend, WebhookConfig config) {
        this.scratch = ScratchDatabase.create(backend);
        this.database = scratch.open();
        this.webhooks = new Webhooks(database.dataSource(), InstantSource.system(), config);
    }

    static WebhookConfig fastConfig(int maxAttempts) {
        return fastConfig(maxAttempts, 100);
    }

    static WebhookConfig fastConfig(int maxAttempts, int maxReplay) {
        return new WebhookConfig(Duration.ofMillis(300), Duration.ofMillis(1_000), Duration.ofMillis(1_500),
                Duration.ofMillis(50), 16, 8, new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 0.5),
                maxAttempts, Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(1), Duration.ofHours(1),
                Duration.ofSeconds(30), Duration.ofMillis(200), maxReplay);
    }

    /** A new tenant whose webhooks may reach 127.0.0.1. */
    String tenant() {
        String id = "t-" + UUID.randomUUID();
        new Tenants(database.dataSource()).save(new Tenant(id, "Tenant " + id, Instant.now()));
        new WebhookAllowLists(database.dataSource()).replace(id, List.of("127.0.0.1/32"));
        return id;
    }

    WebhookDispatcher startDispatcher() {
        return startDispatcher(webhooks);
    }

    WebhookDispatcher startDispatcher(Webhooks engine) {
        WebhookDispatcher dispatcher = WebhookDispatcher.start(engine, guard);
        synchronized (dispatchers) {
            dispatchers.add(dispatcher);
        }
        return dispatcher;
    }

    /** Appends events like the event log: numbered, enqueued inside one transaction, then wakes the dispatchers. */
    List<WebhookEvent> append(String tenant, List<Map.Entry<String, Map<String, Object>>> events) {
        List<WebhookEvent> appended = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            for (Map.Entry<String, Map<String, Object>> event : events) {
                long next = seq.incrementAndGet();
                WebhookEvent webhookEvent = new WebhookEvent(tenant, next, "ev-" + UUID.randomUUID(), Instant.now(),
                        event.getKey(), event.getValue());
                webhooks.enqueue(connection, webhookEvent);
                appended.add(webhookEvent);
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        synchronized (dispatchers) {
            dispatchers.forEach(WebhookDispatcher::wake);
        }
        return appended;
    }

    static Map.Entry<String, Map<String, Object>> event(String type, Map<String, Object> fields) {
        return Map.entry(type, fields);
    }

    /**
     * Serves the admin API behind the real {@link BearerAuthentication}; the bearer credential is
     * the test's description of the caller, built by {@link #call} from the X-Test-Tenant /
     * X-Test-Role / X-Test-Scopes headers (a key when scopes are given).
     */
    void startApi(Runnable wake) {
        BearerVerifier callers = (credential, now) -> {
            String[] parts = credential.split(";", -1);
            if (parts.length != 3 || !parts[0].startsWith("test:")) {
                return new BearerVerifier.Verification.Rejected("invalid_token", "not a test caller");
            }
            String role = parts[1];
            String scopes = parts[2];
            return new BearerVerifier.Verification.Valid(new Principal(parts[0].substring(5), "u1", "alice",
                    role.isEmpty() ? Set.of() : Set.of(Role.valueOf(role)),
                    scopes.isEmpty() ? Set.of() : Set.of(scopes.split(" ")), Optional.empty(),
                    scopes.isEmpty() ? Principal.Kind.ACCESS_TOKEN : Principal.Kind.API_KEY), Instant.MAX);
        };
        WebhookAdmin admin = new WebhookAdmin(webhooks, guard, wake, new BearerAuthentication(callers, InstantSource.system()));
        api = Javalin.create(config -> {
            config.routes.exception(ApiException.class, (e, ctx) -> ctx.status(e.status())
                    .contentType("application/json").result(WebhookJson.write(e.body())));
            admin.addTo(config.routes);
        }).start("127.0.0.1", 0);
    }

    /** The answer of an API call: status and JSON body (null for an empty body). */
    record Answer(int status, JsonNode json) {
        String code() {
            return json.path("code").asText();
        }
    }

    Answer call(String method, String path, String tenant, String role, String body) {
        return call(method, path, Map.of("X-Test-Tenant", tenant, "X-Test-Role", role), body);
    }

    Answer call(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        String tenant = headers.get("X-Test-Tenant");
        if (tenant != null) {
            request.header("Authorization", "Bearer test:" + tenant + ";" + headers.getOrDefault("X-Test-Role", "")
                    + ";" + headers.getOrDefault("X-Test-Scopes", ""));
        }
        headers.forEach((name, value) -> {
            if (!name.startsWith("X-Test-")) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : WebhookJson.MAPPER.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        synchronized (dispatchers) {
            dispatchers.forEach(WebhookDispatcher::close);
        }
        if (api != null) {
            api.stop();
        }
        http.close();
        scratch.close();
    }
}
