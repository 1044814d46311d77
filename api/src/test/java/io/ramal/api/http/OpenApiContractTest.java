package io.ramal.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import io.ramal.api.auth.AuthApi;
import io.ramal.api.calls.CallRoutes;
import io.ramal.api.calls.OriginateRoute;
import io.ramal.api.recordings.RecordingLinks;
import io.ramal.api.recordings.RecordingRoutes;
import io.ramal.api.screenpop.ScreenPopAdmin;
import io.ramal.api.screenpop.ScreenPopConfig;
import io.ramal.api.screenpop.ScreenPops;
import io.ramal.api.webhooks.OutboundGuard;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import io.ramal.store.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import io.ramal.api.calls.TenantBoards;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.LegAlerted;
import io.ramal.cti.fact.LegCreated;
import io.ramal.cti.fact.LegReleased;
import io.ramal.cti.ReleaseCause;
import java.time.Instant;
import io.ramal.api.history.CdrRoutes;
import io.ramal.api.provisioning.ConfigListed;
import io.ramal.api.provisioning.DeviceRoutes;
import io.ramal.api.provisioning.DidRoutes;
import io.ramal.api.provisioning.ExtensionRoutes;
import io.ramal.api.provisioning.TrunkRoutes;
import io.ramal.api.auth.SourceThrottle;
import io.ramal.api.tenants.OperatorAuthentication;
import io.ramal.api.tenants.OperatorKey;
import io.ramal.api.tenants.TenantRoutes;
import io.ramal.api.provisioning.TrunkStatus;
import io.ramal.store.SecretSeal;
import io.ramal.store.Trunks;
import io.ramal.store.Dids;
import io.ramal.store.Extensions;
import io.ramal.store.CallDirection;
import io.ramal.store.CallDisposition;
import io.ramal.store.CallRecord;
import io.ramal.store.CallRecords;
import io.ramal.store.MediaQualities;
import io.ramal.store.MediaQuality;
import io.ramal.api.music.HoldMusic;
import io.ramal.api.music.MusicOnHoldRoutes;
import io.ramal.api.music.MusicUpload;
import io.ramal.api.music.TenantMusic;
import io.ramal.store.IdempotencyKeys;
import java.util.Optional;
import io.ramal.api.auth.AuthConfig;
import io.ramal.api.auth.RatePolicy;
import io.ramal.api.auth.TokenSecret;
import io.ramal.api.auth.Totp;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.EventSocket;
import io.ramal.api.events.EventSocketConfig;
import io.ramal.api.events.Fanout;
import io.ramal.api.events.Snapshot;
import io.ramal.api.webhooks.AddressGuard;
import io.ramal.api.webhooks.WebhookAdmin;
import io.ramal.api.webhooks.WebhookConfig;
import io.ramal.api.webhooks.WebhookDispatcher;
import io.ramal.api.webhooks.WebhookEvent;
import io.ramal.api.webhooks.Webhooks;
import io.ramal.store.Database;
import io.ramal.store.EventLog;
import io.ramal.store.testing.DemoTenant;
import io.ramal.store.testing.ScratchDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document against the real API: a Javalin on 127.0.0.1 with everything the api module
 * serves (AuthApi, WebhookAdmin, EventSocket, OpenApiDocument) over a scratch SQLite store holding
 * the demo tenant and its users. The routes Javalin registered and the documented operations must
 * be the same set, and every answer checked here must have a documented status, the documented
 * headers, and a body that conforms to the documented schema ({@link SchemaSubset}, strict about
 * undocumented fields).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final AuthConfig AUTH = AuthConfig.DEFAULTS.withBcryptCost(4)
            .withSourceRate(new RatePolicy(10_000, Duration.ofMillis(1)))
            .withDefaultTenant(DemoTenant.ID);
    /** Webhook URLs are literal addresses here: no name is ever looked up. */
    private static final AddressGuard LITERALS_ONLY = new AddressGuard(host -> {
        if (!host.matches("[0-9.]+")) {
            throw new UnknownHostException(host + " (this test resolves no names)");
        }
        return List.of(InetAddress.getByName(host));
    });

    private static final String OPERATOR_KEY = "operator-key-for-the-contract-test-0123456789";
    private final ContractDocument document = ContractDocument.packaged();
    private final Set<String> registered = new ConcurrentSkipListSet<>();
    private final ScratchDatabase scratch = ScratchDatabase.sqlite();
    private final Database database = scratch.open();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Fanout fanout = new Fanout();
    private final AuthApi auth;
    private final Webhooks webhookEngine;
    private final EventSocket events;
    private final Map<String, Switchboard> boards = new java.util.HashMap<>();
    private final List<CallCommand> commandsToPbx = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path recordingsDir = createRecordingsDir();
    private final RecordingTenantMusic music = new RecordingTenantMusic();
    private final RecordingTenantPrompts prompts = new RecordingTenantPrompts();
    private final Javalin app;
    private final ScreenPops screenPops;
    private final RecordingLinks links;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private io.ramal.api.queues.QueueDesk queueDesk;
    private io.ramal.api.supervision.SupervisionDesk supervisionDesk;
    /** What the supervision routes asked the PBX, in order. */
    private final List<String> supervisionToPbx = new java.util.concurrent.CopyOnWriteArrayList<>();

    OpenApiContractTest() {
        InstantSource clock = InstantSource.system();
        DataSource dataSource = database.dataSource();
        new DemoTenant(dataSource, clock).seed("127.0.0.1");
        auth = new AuthApi(dataSource, AUTH, TokenSecret.generate(RANDOM), clock, RANDOM);
        auth.demoUsers().seed();
        webhookEngine = new Webhooks(dataSource, clock, WebhookConfig.defaults());
        WebhookAdmin webhooks = new WebhookAdmin(webhookEngine, LITERALS_ONLY, () -> { }, auth.authentication());
        EventJournal journal = new EventJournal(new EventLog(dataSource, clock), fanout);
        screenPops = new ScreenPops(dataSource, new OutboundGuard(webhookEngine, LITERALS_ONLY),
                ScreenPopConfig.defaults(), clock);
        links = new RecordingLinks(new byte[32], () -> uri(""),
                Duration.ofHours(1));
        events = new EventSocket(EventSocketConfig.defaults("0.1.0-contract"), auth.verifier(), journal,
                tenant -> journal.atomically(tenant, () -> new Snapshot(journal.head(tenant).lastSeq(), Map.of())),
                scheduler, clock);
        app = Javalin.create(javalin -> {
            javalin.jetty.host = "127.0.0.1";
            javalin.jetty.port = 0;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.concurrency.useVirtualThreads = true;
            javalin.events.handlerAdded(route -> {
                if (route.getHttpMethod().isHttpMethod()) {
                    registered.add(route.getHttpMethod().name() + " " + route.getPath());
                }
            });
            javalin.events.wsHandlerAdded(route -> {
                if (route.getHandlerType() == WsHandlerType.WEBSOCKET) {
                    registered.add("GET " + route.getPath()); // a WebSocket is a GET with an upgrade
                }
            });
            Idempotency.standard(new IdempotencyKeys(dataSource), auth.authentication(), clock)
                    .addTo(javalin.routes);
            auth.addTo(javalin.routes);
            webhooks.addTo(javalin.routes);
            new CdrRoutes(auth.authentication(), new CallRecords(dataSource), new MediaQualities(dataSource))
                    .addTo(javalin.routes);
            TenantBoards tenantBoards = new TenantBoards() {
                @Override
                public <T> T onTenant(String tenant, java.util.function.Function<Switchboard, T> work) {
                    synchronized (boards) {
                        return work.apply(boards.computeIfAbsent(tenant, Switchboard::new));
                    }
                }
            };
            new CallRoutes(auth.authentication(), tenantBoards, pbxThatAccepts()).addTo(javalin.routes);
            new io.ramal.api.calls.ParkRoutes(auth.authentication(), tenantBoards, parkingLot()).addTo(javalin.routes);
            Extensions extensions = new Extensions(dataSource);
            Dids dids = new Dids(dataSource);
            ConfigListed listed = new ConfigListed(Map.of(DemoTenant.ID, Set.of("1003")),
                    Map.of(DemoTenant.ID, Set.of(DemoTenant.TRUNK)), Map.of());
            new ExtensionRoutes(auth.authentication(), extensions, dids, new io.ramal.store.Queues(dataSource),
                    tenant -> DemoTenant.ID, listed, () -> { })
                    .addTo(javalin.routes);
            new DidRoutes(auth.authentication(), dids, extensions, new io.ramal.store.Queues(dataSource),
                    new io.ramal.store.IvrMenus(dataSource), listed, () -> { }).addTo(javalin.routes);
            new io.ramal.api.ivr.IvrRoutes(auth.authentication(), new io.ramal.store.IvrMenus(dataSource), dids,
                    extensions, new io.ramal.store.Queues(dataSource), prompts,
                    io.ramal.api.ivr.ConfiguredMenus.NONE, () -> { }, clock)
                    .addTo(javalin.routes);
            new TrunkRoutes(auth.authentication(), new Trunks(dataSource, SecretSeal.generate(RANDOM), clock), listed,
                    (tenant, trunk) -> trunk.equals("carrier")
                            ? Optional.of(new TrunkStatus("failed", Optional.empty(), Optional.of("403 Forbidden"),
                                    Optional.of(Instant.parse("2026-11-21T09:01:00Z"))))
                            : Optional.empty(),
                    () -> { }).addTo(javalin.routes);
            new TenantRoutes(new OperatorAuthentication(List.of(new OperatorKey("ops", sha256Hex(OPERATOR_KEY))),
                    auth.verifier(), new SourceThrottle(new RatePolicy(10_000, Duration.ofMillis(1))), clock),
                    new io.ramal.store.Tenants(dataSource), new io.ramal.store.SipDomains(dataSource),
                    new io.ramal.store.Users(dataSource), auth.passwords(), listed, () -> { }, clock, RANDOM)
                    .addTo(javalin.routes);
            new DeviceRoutes(auth.authentication(), extensions, tenantBoards).addTo(javalin.routes);
            new OriginateRoute(auth.authentication(), tenantBoards, pbxThatAccepts(),
                    (tenant, number) -> extensions.find(tenant, number).isPresent(), clock).addTo(javalin.routes);
            new io.ramal.api.calls.CallCampaignRoute(auth.authentication(), tenantBoards, clock).addTo(javalin.routes);
            new RecordingRoutes(auth.authentication(), tenantBoards, pbxThatAccepts(), new Recordings(dataSource),
                    recordingsDir, Optional.of(links), clock).addTo(javalin.routes);
            new ScreenPopAdmin(screenPops, auth.authentication()).addTo(javalin.routes);
            io.ramal.store.PauseReasons reasons = new io.ramal.store.PauseReasons(dataSource);
            io.ramal.store.AgentPolicies policies = new io.ramal.store.AgentPolicies(dataSource);
            io.ramal.api.agents.AgentDesk agents = new io.ramal.api.agents.AgentDesk(tenantBoards, journal,
                    new io.ramal.store.AgentIntervals(dataSource), reasons, policies,
                    new io.ramal.store.AgentPolicySetting(io.ramal.cti.agent.SecondLogin.REFUSE,
                            Duration.ofMinutes(2), io.ramal.store.AgentPolicySetting.Vanish.LOGOUT, Optional.empty()),
                    clock);
            io.ramal.store.Users users = new io.ramal.store.Users(dataSource);
            new io.ramal.api.agents.AgentRoutes(auth.authentication(), agents, users, extensions,
                    new io.ramal.store.AgentPositions(dataSource), new io.ramal.store.AgentGroups(dataSource), reasons,
                    io.ramal.api.agents.RegisteredAddresses.NONE).addTo(javalin.routes);
            new io.ramal.api.agents.PauseReasonRoutes(auth.authentication(), reasons, agents::policyChanged)
                    .addTo(javalin.routes);
            new io.ramal.api.agents.AgentIntervalRoutes(auth.authentication(),
                    new io.ramal.store.AgentIntervals(dataSource), users).addTo(javalin.routes);
            new io.ramal.api.agents.AgentPolicyRoutes(auth.authentication(), agents, policies, reasons)
                    .addTo(javalin.routes);
            new io.ramal.api.agents.PositionRoutes(auth.authentication(), new io.ramal.store.AgentPositions(dataSource),
                    extensions).addTo(javalin.routes);
            queueDesk = new io.ramal.api.queues.QueueDesk(tenantBoards, journal, new io.ramal.store.Queues(dataSource),
                    new io.ramal.store.QueueCallHistory(dataSource), agents::states, clock);
            new io.ramal.api.queues.QueueRoutes(auth.authentication(), queueDesk, new io.ramal.store.Queues(dataSource),
                    extensions, new io.ramal.api.queues.ConfiguredQueues(Map.of(DemoTenant.ID, Set.of("vip"))),
                    new io.ramal.store.IvrMenus(dataSource), prompts, new io.ramal.store.QueueCallHistory(dataSource),
                    () -> { }).addTo(javalin.routes);
            new io.ramal.api.queues.MemberRoutes(auth.authentication(), queueDesk, users).addTo(javalin.routes);
            new io.ramal.api.agents.AgentStatsRoutes(auth.authentication(), new io.ramal.store.AgentIntervals(dataSource),
                    new io.ramal.store.AgentCalls(dataSource), users, clock).addTo(javalin.routes);
            new io.ramal.api.board.BoardRoute(auth.authentication(), extensions, tenantBoards, journal, agents, queueDesk,
                    clock).addTo(javalin.routes);
            new MusicOnHoldRoutes(auth.authentication(), music).addTo(javalin.routes);
            io.ramal.store.SupervisionAudit supervisionAudit = new io.ramal.store.SupervisionAudit(dataSource);
            supervisionDesk = new io.ramal.api.supervision.SupervisionDesk(journal, supervisionAudit, clock);
            new io.ramal.api.supervision.SupervisionRoutes(auth.authentication(), tenantBoards,
                    new PbxThatSupervises(), supervisionDesk, supervisionAudit).addTo(javalin.routes);
            events.addTo(javalin.routes);
            new OpenApiDocument().addTo(javalin.routes);
        }).start();
    }

    @AfterAll
    void stop() {
        queueDesk.close();
        supervisionDesk.close();
        events.close();
        screenPops.close();
        app.stop();
        fanout.close();
        scheduler.shutdownNow();
        http.close();
        database.close();
        scratch.close();
        try (var files = Files.walk(recordingsDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static Path createRecordingsDir() {
        try {
            return Files.createTempDirectory("ramal-contract-recordings-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- the document itself ----

    @Test
    void theDocumentUsesOnlyWhatTheCheckerUnderstandsAndEveryReferenceResolves() {
        assertThat(document.schemas.unsupportedKeywords()).isEmpty();
        assertThat(document.root.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.root.path("info").path("title").asText()).isEqualTo("Ramal API");
        assertThat(document.root.path("info").path("version").asText()).isEqualTo("1");
    }

    @Test
    void everyOperationHasAUniqueIdADeclaredTagAndItsPathParameters() {
        Set<String> tags = new TreeSet<>();
        document.root.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        assertThat(tags).contains("auth", "users", "api-keys", "webhooks", "events");
        List<String> ids = new ArrayList<>();
        for (String operation : document.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            JsonNode op = document.operation(method, path);
            ids.add(op.path("operationId").asText());
            assertThat(op.path("tags").size()).as(operation).isEqualTo(1);
            assertThat(tags).as(operation).contains(op.path("tags").get(0).asText());
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameters : List.of(document.root.path("paths").path(path).path("parameters"),
                    op.path("parameters"))) {
                for (JsonNode parameter : parameters) {
                    JsonNode resolved = parameter.has("$ref")
                            ? document.schemas.resolve(parameter.get("$ref").asText()) : parameter;
                    if (resolved.path("in").asText().equals("path")) {
                        declared.add(resolved.path("name").asText());
                    }
                }
            }
            assertThat(declared).as(operation).isEqualTo(pathParameters(path));
            assertThat(document.responses(method, path)).as(operation).isNotEmpty();
        }
        assertThat(ids).doesNotHaveDuplicates().doesNotContain("");
    }

    // ---- (a) the document and the routing agree ----

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() {
        assertThat(registered).as("routes Javalin registered").isNotEmpty();
        assertThat(document.operations()).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyDocumentedHttpOperationIsRoutedAndAnswersAsDocumentedWithoutACredential() {
        for (String operation : document.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (path.equals(EventSocket.PATH)) {
                continue; // a WebSocket: theEventStreamUpgradesWith101AndGreets
            }
            boolean hasBody = document.operation(method, path).has("requestBody");
            Map<String, String> parameters = new HashMap<>();
            pathParameters(path).forEach(name -> parameters.put(name, "x"));
            Answer answer = exchange(method, path, parameters, null, hasBody ? "{}" : null);
            assertThat(answer.body()).as(operation + " must be routed").doesNotStartWith("Endpoint ");
        }
    }

    @Test
    void theEventStreamUpgradesWith101AndGreets() throws Exception {
        assertThat(document.responses("GET", EventSocket.PATH)).containsOnlyKeys(101);
        String token = accessToken("alice", "demo-alice");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + EventSocket.PATH), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS); // completes only on 101 Switching Protocols
        try {
            JsonNode hello = JSON.readTree(next(received));
            JsonNode authenticated = JSON.readTree(next(received));
            assertThat(hello.path("op").asText()).isEqualTo("hello");
            assertThat(authenticated.path("op").asText()).isEqualTo("authenticated");
            assertThat(authenticated.path("tenant").asText()).isEqualTo(DemoTenant.ID);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    // ---- (b) real calls answer as documented ----

    @Test
    void aPasswordGrantAndARefreshAnswerTokensAsDocumented() {
        Answer login = exchangeForm("/api/v1/auth/token",
                Map.of("grant_type", "password", "username", "carol@demo", "password", "demo-carol"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");

        Answer refresh = exchange("POST", "/api/v1/auth/token", Map.of(), null, json(Map.of(
                "grant_type", "refresh_token", "refresh_token", login.json().path("refresh_token").asText())));
        assertThat(refresh.status()).isEqualTo(200);

        Answer reused = exchange("POST", "/api/v1/auth/token", Map.of(), null, json(Map.of(
                "grant_type", "refresh_token", "refresh_token", login.json().path("refresh_token").asText())));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.code()).isEqualTo("invalid_grant");
    }

    @Test
    void aWrongPasswordAnswersInvalidGrantAsDocumented() {
        Answer answer = exchange("POST", "/api/v1/auth/token", Map.of(), null,
                json(Map.of("grant_type", "password", "username", "bob", "password", "not-bobs-password")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid_grant");
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void malformedTokenRequestsAnswerAsDocumented() {
        assertThat(exchange("POST", "/api/v1/auth/token", Map.of(), null, json(Map.of("grant_type", "magic")))
                .code()).isEqualTo("unsupported_grant_type");
        assertThat(exchange("POST", "/api/v1/auth/token", Map.of(), null, "[1, 2]").code())
                .isEqualTo("invalid_request");
        assertThat(exchangeForm("/api/v1/auth/revoke", Map.of("token", "unknown")).status()).isEqualTo(200);
    }

    @Test
    void meAnswersTheCallerAsDocumentedForATokenAndForAnApiKey() {
        Answer byToken = exchange("GET", "/api/v1/me", Map.of(), accessToken("alice", "demo-alice"), null);
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(byToken.json().path("authenticated_by").asText()).isEqualTo("access_token");
        assertThat(byToken.json().path("extension").asText()).isEqualTo("1001");

        String key = exchange("POST", "/api/v1/api-keys", Map.of(), adminToken(),
                json(Map.of("name", "crm", "scopes", List.of("events:read", "calls:read")))).json().path("key").asText();
        Answer byKey = exchange("GET", "/api/v1/me", Map.of(), key, null);
        assertThat(byKey.status()).isEqualTo(200);
        assertThat(byKey.json().path("authenticated_by").asText()).isEqualTo("api_key");
        assertThat(byKey.json().path("scopes")).hasSize(2);
    }

    @Test
    void apiKeysAnswerAsDocumentedFromCreationToRevocation() {
        String admin = adminToken();
        Answer created = exchange("POST", "/api/v1/api-keys", Map.of(), admin, json(Map.of("name", "wallboard",
                "scopes", List.of("admin"), "expires_at", "2099-01-01T00:00:00Z")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String key = created.json().path("key").asText();
        assertThat(key).startsWith("rml_" + id + "_");

        assertThat(exchange("GET", "/api/v1/api-keys", Map.of(), admin, null).json().path("api_keys"))
                .isNotEmpty();
        assertThat(exchange("GET", "/api/v1/api-keys/{id}", Map.of("id", id), key, null).json().has("key"))
                .isFalse();
        assertThat(exchange("POST", "/api/v1/api-keys", Map.of(), admin, json(Map.of("scopes", List.of("root"))))
                .code()).isEqualTo("invalid_scope");
        assertThat(exchange("DELETE", "/api/v1/api-keys/{id}", Map.of("id", id), admin, null).status())
                .isEqualTo(204);
        assertThat(exchange("GET", "/api/v1/me", Map.of(), key, null).code()).isEqualTo("key_revoked");
        assertThat(exchange("DELETE", "/api/v1/api-keys/{id}", Map.of("id", "nosuchkey"), admin, null).code())
                .isEqualTo("api_key_not_found");
    }

    @Test
    void usersAdministrationAnswersAsDocumented() {
        String admin = adminToken();
        assertThat(exchange("GET", "/api/v1/users", Map.of(), admin, null).json().path("users").size())
                .isGreaterThanOrEqualTo(4);
        Answer created = exchange("POST", "/api/v1/users", Map.of(), admin, json(Map.of("username", "dave",
                "password", "dave-password", "roles", List.of("agent"), "extension", "1004")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/" + id);

        assertThat(exchange("GET", "/api/v1/users/{id}", Map.of("id", id), admin, null).status()).isEqualTo(200);
        Answer changed = exchange("PATCH", "/api/v1/users/{id}", Map.of("id", id), admin,
                "{\"extension\": null, \"disabled\": true}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().has("extension")).isFalse();
        assertThat(exchange("POST", "/api/v1/users", Map.of(), admin, json(Map.of("username", "dave",
                "password", "short", "roles", List.of("agent")))).code()).isEqualTo("weak_password");
        assertThat(exchange("POST", "/api/v1/users", Map.of(), admin, json(Map.of("username", "dave",
                "password", "long-enough", "roles", List.of("agent")))).code()).isEqualTo("username_taken");
        assertThat(exchange("DELETE", "/api/v1/users/{id}", Map.of("id", id), admin, null).status())
                .isEqualTo(204);
        assertThat(exchange("GET", "/api/v1/users/{id}", Map.of("id", id), admin, null).code())
                .isEqualTo("user_not_found");
    }

    @Test
    void theSecondFactorFromEnrolmentThroughLoginToRemovalAnswersAsDocumented() {
        exchange("POST", "/api/v1/users", Map.of(), adminToken(), json(Map.of("username", "erin",
                "password", "erin-password", "roles", List.of("supervisor"))));
        String erin = accessToken("erin", "erin-password");
        assertThat(exchange("GET", "/api/v1/auth/mfa", Map.of(), erin, null).json().path("totp_enabled")
                .asBoolean()).isFalse();
        assertThat(exchange("POST", "/api/v1/auth/mfa/totp/disable", Map.of(), erin, json(Map.of("code", "123456")))
                .code()).isEqualTo("mfa_not_enabled");

        String secret = exchange("POST", "/api/v1/auth/mfa/totp", Map.of(), erin, null).json().path("secret").asText();
        assertThat(exchange("POST", "/api/v1/auth/mfa/totp/confirm", Map.of(), erin, json(Map.of("code", "abc")))
                .code()).isEqualTo("invalid_code");
        Answer confirmed = exchange("POST", "/api/v1/auth/mfa/totp/confirm", Map.of(), erin,
                json(Map.of("code", new Totp().code(secret, Totp.stepOf(Instant.now())))));
        assertThat(confirmed.status()).isEqualTo(200);
        List<String> recoveryCodes = new ArrayList<>();
        confirmed.json().path("recovery_codes").forEach(code -> recoveryCodes.add(code.asText()));
        assertThat(exchange("GET", "/api/v1/auth/mfa", Map.of(), erin, null).json().path("recovery_codes_remaining")
                .asInt()).isEqualTo(recoveryCodes.size());
        assertThat(exchange("POST", "/api/v1/auth/mfa/totp", Map.of(), erin, null).code())
                .isEqualTo("mfa_already_enabled");

        Answer challenged = exchange("POST", "/api/v1/auth/token", Map.of(), null,
                json(Map.of("grant_type", "password", "username", "erin", "password", "erin-password")));
        assertThat(challenged.status()).isEqualTo(401);
        assertThat(challenged.code()).isEqualTo("mfa_required");
        Answer completed = exchangeForm("/api/v1/auth/token", Map.of("grant_type", "mfa",
                "nonce", challenged.json().path("nonce").asText(), "code", recoveryCodes.get(0)));
        assertThat(completed.status()).isEqualTo(200);

        assertThat(exchange("POST", "/api/v1/auth/mfa/totp/disable", Map.of(), erin,
                json(Map.of("code", recoveryCodes.get(1)))).status()).isEqualTo(204);
    }

    @Test
    void webhookAdministrationAnswersAsDocumented() {
        String admin = adminToken();
        assertThat(exchange("GET", "/api/v1/webhooks", Map.of(), admin, null).status()).isEqualTo(200);
        assertThat(exchange("PUT", "/api/v1/webhooks/allow-list", Map.of(), admin, json(Map.of("entries", List.of())))
                .json().path("entries")).isEmpty();
        assertThat(exchange("POST", "/api/v1/webhooks", Map.of(), admin,
                json(Map.of("events", List.of(Map.of("type", "call.*")), "url", "http://127.0.0.1:9/hook"))).code())
                .isEqualTo("url_not_allowed");
        assertThat(exchange("PUT", "/api/v1/webhooks/allow-list", Map.of(), admin,
                json(Map.of("entries", List.of("127.0.0.1")))).json().path("entries").get(0).asText())
                .isEqualTo("127.0.0.1/32");
        assertThat(exchange("GET", "/api/v1/webhooks/allow-list", Map.of(), admin, null).status()).isEqualTo(200);

        Answer created = exchange("POST", "/api/v1/webhooks", Map.of(), admin, json(Map.of(
                "description", "CRM", "events", List.of(Map.of("trigger", "hung_up", "direction", "inbound")),
                "url", "http://127.0.0.1:9/hook?caller=%CALLER_ID%", "method", "get",
                "headers", Map.of("X-Api-Key", "k-123"))));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        Map<String, String> webhook = Map.of("id", id);

        assertThat(exchange("GET", "/api/v1/webhooks", Map.of(), admin, null).json().path("webhooks")).isNotEmpty();
        assertThat(exchange("GET", "/api/v1/webhooks/{id}", webhook, admin, null).json().has("secret")).isFalse();
        assertThat(exchange("PATCH", "/api/v1/webhooks/{id}", webhook, admin, json(Map.of("enabled", false)))
                .json().path("enabled").asBoolean()).isFalse();
        assertThat(exchange("PATCH", "/api/v1/webhooks/{id}", webhook, admin, json(Map.of("colour", "red")))
                .code()).isEqualTo("invalid_webhook");
        assertThat(exchange("POST", "/api/v1/webhooks/{id}/rotate-secret", webhook, admin, null)
                .json().path("secret").asText()).startsWith("whsec_");
        assertThat(exchange("GET", "/api/v1/webhooks/{id}/deliveries", webhook, admin, null)
                .json().path("next_before_seq").isNull()).isTrue();
        assertThat(exchange("GET", "/api/v1/webhooks/{id}/deliveries?limit=0", webhook, admin, null).code())
                .isEqualTo("invalid_query");
        assertThat(exchange("GET", "/api/v1/webhooks/{id}/deliveries/{delivery}",
                Map.of("id", id, "delivery", "nope"), admin, null).code()).isEqualTo("delivery_not_found");
        assertThat(exchange("POST", "/api/v1/webhooks/{id}/replay", webhook, admin,
                json(Map.of("from_seq", 1, "to_seq", 10))).status()).isEqualTo(202);
        assertThat(exchange("POST", "/api/v1/webhooks/{id}/replay", webhook, admin, "{}").code())
                .isEqualTo("invalid_replay");
        assertThat(exchange("GET", "/api/v1/webhooks/dead-letters", Map.of(), admin, null).status()).isEqualTo(200);
        assertThat(exchange("DELETE", "/api/v1/webhooks/{id}", webhook, admin, null).status()).isEqualTo(204);
        assertThat(exchange("GET", "/api/v1/webhooks/{id}", webhook, admin, null).code())
                .isEqualTo("webhook_not_found");
    }

    @Test
    void aDeliveryItsAttemptsAndItsReplayAnswerAsDocumented() throws Exception {
        String admin = adminToken();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            exchange("PUT", "/api/v1/webhooks/allow-list", Map.of(), admin,
                    json(Map.of("entries", List.of("127.0.0.1"))));
            String id = exchange("POST", "/api/v1/webhooks", Map.of(), admin, json(Map.of(
                    "events", List.of(Map.of("type", "queue.*")),
                    "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))).json().path("id").asText();
            for (long seq = 1; seq <= 2; seq++) {
                enqueue(new WebhookEvent(DemoTenant.ID, seq, "ev-" + UUID.randomUUID(), Instant.now(),
                        "queue.entered", Map.of("queue", "sales", "call_id", "c-" + seq)));
            }
            JsonNode pending = exchange("GET", "/api/v1/webhooks/{id}/deliveries?state=pending", Map.of("id", id),
                    admin, null).json().path("deliveries");
            assertThat(pending).hasSize(2);
            String first = pending.get(1).path("id").asText(); // newest first
            Map<String, String> delivery = Map.of("id", id, "delivery", first);
            assertThat(exchange("GET", "/api/v1/webhooks/{id}/deliveries/{delivery}", delivery, admin, null)
                    .json().path("attempts")).isEmpty();
            assertThat(exchange("POST", "/api/v1/webhooks/{id}/replay", Map.of("id", id), admin,
                    json(Map.of("delivery_id", first))).code()).isEqualTo("delivery_pending");

            try (WebhookDispatcher dispatcher = WebhookDispatcher.start(webhookEngine, LITERALS_ONLY)) {
                dispatcher.wake();
                await().atMost(WAIT).until(() -> exchange("GET", "/api/v1/webhooks/{id}/deliveries?state=delivered",
                        Map.of("id", id), admin, null).json().path("deliveries").size() == 2);
            }
            JsonNode detail = exchange("GET", "/api/v1/webhooks/{id}/deliveries/{delivery}", delivery, admin, null)
                    .json();
            assertThat(detail.path("attempts").get(0).path("status").asInt()).isEqualTo(204);
            assertThat(detail.path("event").path("queue").asText()).isEqualTo("sales");
            assertThat(exchange("GET", "/api/v1/webhooks/{id}/deliveries?limit=1", Map.of("id", id), admin, null)
                    .json().path("next_before_seq").asLong()).isEqualTo(2);
            Answer replayed = exchange("POST", "/api/v1/webhooks/{id}/replay", Map.of("id", id), admin,
                    json(Map.of("delivery_id", first)));
            assertThat(replayed.status()).isEqualTo(202);
            assertThat(replayed.json().path("replays").get(0).path("replay_of").asText()).isEqualTo(first);
            exchange("DELETE", "/api/v1/webhooks/{id}", Map.of("id", id), admin, null);
        } finally {
            receiver.stop(0);
        }
    }

    private void enqueue(WebhookEvent event) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            webhookEngine.enqueue(connection, event);
            connection.commit();
        }
    }

    /** The PBX side of call commands (which this module cannot run): takes every command on. */
    private CallControl pbxThatAccepts() {
        return (CallControl) java.lang.reflect.Proxy.newProxyInstance(CallControl.class.getClassLoader(),
                new Class<?>[] {CallControl.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    CallCommand command = (CallCommand) args[0];
                    commandsToPbx.add(command);
                    return CommandResult.accepted(command instanceof CallCommand.OnCall on ? on.callId() : "new-call");
                });
    }

    /** The PBX side of park: parks every call in 701, one at a time. */
    private io.ramal.api.calls.CallParking parkingLot() {
        return new io.ramal.api.calls.CallParking() {
            private final Map<String, Parked> slots = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public CommandResult park(String tenant, String callId, String party) {
                if (!slots.isEmpty()) {
                    return CommandResult.refused(io.ramal.cti.control.RefusalCode.INVALID_STATE, "every slot is taken");
                }
                Instant now = Instant.now();
                slots.put("701", new Parked("701", callId, "1002", party, now, now.plusSeconds(60)));
                return CommandResult.accepted("701");
            }

            @Override
            public CommandResult pickup(String tenant, String slot, String device) {
                Parked p = slots.remove(slot);
                return p == null ? CommandResult.refused(io.ramal.cti.control.RefusalCode.NOT_FOUND, "no call in " + slot)
                        : CommandResult.accepted(p.callId());
            }

            @Override
            public List<Parked> parked(String tenant) {
                return List.copyOf(slots.values());
            }
        };
    }

    @Test
    void parkListAndPickupAnswerAsDocumented() {
        ringing("c-park", "1001", "1002");
        synchronized (boards) {
            boards.get("demo").on(new LegAnswered("demo", "c-park", Instant.now(), "c-park-b"));
        }
        String admin = adminToken();
        Answer parked = exchange("POST", "/api/v1/calls/{id}/park", Map.of("id", "c-park"), admin,
                "{\"party\": \"1001\"}");
        assertThat(parked.status()).as(parked.json().toString()).isEqualTo(202);
        assertThat(parked.json().path("slot").asText()).isEqualTo("701");
        assertThat(exchange("POST", "/api/v1/calls/{id}/park", Map.of("id", "c-park"), admin, "{\"party\": \"1001\"}")
                .status()).isEqualTo(409);
        assertThat(exchange("POST", "/api/v1/calls/{id}/park", Map.of("id", "c-park"), admin, "{\"party\": \"1099\"}")
                .code()).isEqualTo("party_not_found");
        assertThat(exchange("POST", "/api/v1/calls/{id}/park", Map.of("id", "nosuch"), admin, "{}").status())
                .isEqualTo(404);
        Answer list = exchange("GET", "/api/v1/parked", Map.of(), admin, null);
        assertThat(list.json().path("parked")).hasSize(1);
        Answer pickup = exchange("POST", "/api/v1/parked/{slot}/pickup", Map.of("slot", "701"), admin,
                "{\"device\": \"1003\"}");
        assertThat(pickup.status()).isEqualTo(202);
        assertThat(pickup.json().path("call_id").asText()).isEqualTo("c-park");
        assertThat(exchange("POST", "/api/v1/parked/{slot}/pickup", Map.of("slot", "701"), admin,
                "{\"device\": \"1003\"}").code()).isEqualTo("not_found");
        assertThat(exchange("POST", "/api/v1/parked/{slot}/pickup", Map.of("slot", "702"), admin, "{}").code())
                .isEqualTo("invalid_request");
        assertThat(exchange("GET", "/api/v1/parked", Map.of(), admin, null).json().path("parked")).isEmpty();
        synchronized (boards) { // the other tests count the tenant's live calls and find calls by device
            Switchboard board = boards.get("demo");
            board.on(new LegReleased("demo", "c-park", Instant.now(), "c-park-b", ReleaseCause.NORMAL));
            board.on(new LegReleased("demo", "c-park", Instant.now(), "c-park-a", ReleaseCause.NORMAL));
        }
    }

    private void ringing(String callId, String from, String to) {
        Instant at = Instant.now();
        synchronized (boards) {
            Switchboard board = boards.computeIfAbsent("demo", Switchboard::new);
            board.on(new CallCreated("demo", callId, at, callId + "-a", Endpoint.device(from), Optional.of("Alice"), to,
                    Optional.empty(), Direction.INTERNAL, Optional.empty()));
            board.on(new LegCreated("demo", callId, at, callId + "-b", Endpoint.device(to), Optional.empty()));
            board.on(new LegAlerted("demo", callId, at, callId + "-b"));
        }
    }

    @Test
    void liveCallsAndTheirHangUpAnswerAsDocumented() {
        ringing("c-1", "1001", "1002");
        ringing("c-2", "1003", "1004");
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");

        assertThat(exchange("GET", "/api/v1/calls", Map.of(), admin, null).json().path("calls")).hasSize(2);
        assertThat(exchange("GET", "/api/v1/calls", Map.of(), alice, null).json().path("calls"))
                .as("an agent sees the calls of its own extension").hasSize(1);
        Answer shown = exchange("GET", "/api/v1/calls/{id}", Map.of("id", "c-1"), alice, null);
        assertThat(shown.json().path("state").asText()).isEqualTo("alerting");
        assertThat(shown.headers().firstValue("ETag")).contains("\"" + shown.json().path("version").asLong() + "\"");
        assertThat(exchange("GET", "/api/v1/calls/{id}", Map.of("id", "c-2"), alice, null).code())
                .isEqualTo("call_not_found");
        assertThat(exchange("DELETE", "/api/v1/calls/{id}", Map.of("id", "c-2"), alice, null).code())
                .isEqualTo("call_not_found");

        Answer hungUp = exchange("DELETE", "/api/v1/calls/{id}", Map.of("id", "c-1"), alice, null);
        assertThat(hungUp.status()).isEqualTo(202);
        assertThat(commandsToPbx).singleElement().isEqualTo(new CallCommand.Hangup("demo", "c-1", Optional.empty(),
                java.util.OptionalLong.empty()));
        assertThat(exchange("DELETE", "/api/v1/calls/{id}", Map.of("id", "nosuch"), admin, null).status())
                .isEqualTo(404);
    }

    @Test
    void holdRetrieveMuteUnmuteAndDtmfAnswerAsDocumented() {
        ringing("c-5", "1001", "1002");
        Instant at = Instant.now();
        synchronized (boards) {
            boards.get("demo").on(new LegAnswered("demo", "c-5", at, "c-5-b"));
        }
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");
        Map<String, String> call = Map.of("id", "c-5");
        int before = commandsToPbx.size();
        try {
            Answer held = exchange("POST", "/api/v1/calls/{id}/hold", call, alice, null);
            assertThat(held.status()).isEqualTo(202);
            assertThat(held.json().path("status").asText()).isEqualTo("holding");
            Answer muted = exchange("POST", "/api/v1/calls/{id}/mute", call, alice, json(Map.of("party", "1001")));
            assertThat(muted.json().path("status").asText()).as(muted.json().toString()).isEqualTo("muting");
            assertThat(exchange("POST", "/api/v1/calls/{id}/dtmf", call, alice,
                    json(Map.of("digits", "12#", "duration_ms", 80, "gap_ms", 60))).status()).isEqualTo(202);
            assertThat(exchange("POST", "/api/v1/calls/{id}/retrieve", call, alice, null).code())
                    .as("no hold was reported for 1001").isEqualTo("invalid_state");
            assertThat(exchange("POST", "/api/v1/calls/{id}/unmute", call, alice, null).code()).isEqualTo("invalid_state");
            assertThat(exchange("POST", "/api/v1/calls/{id}/hold", call, alice, json(Map.of("party", "1002"))).code())
                    .as("an agent acts for its own extension").isEqualTo("forbidden");
            assertThat(exchange("POST", "/api/v1/calls/{id}/hold", call, admin, null).code()).isEqualTo("party_required");
            assertThat(exchange("POST", "/api/v1/calls/{id}/hold", call, admin, json(Map.of("party", "1009"))).code())
                    .isEqualTo("party_not_found");
            assertThat(exchange("POST", "/api/v1/calls/{id}/dtmf", call, admin,
                    json(Map.of("party", "1002", "digits", "12x"))).code()).isEqualTo("invalid_argument");
            assertThat(exchange("POST", "/api/v1/calls/{id}/dtmf", call, admin,
                    json(Map.of("party", "1002", "digits", "1", "gap_ms", 5000))).code()).isEqualTo("invalid_argument");
            assertThat(exchange("POST", "/api/v1/calls/{id}/dtmf", call, admin, json(Map.of("party", "1002"))).code())
                    .isEqualTo("invalid_request");
            assertThat(exchange("POST", "/api/v1/calls/{id}/unmute", Map.of("id", "nosuch"), admin, null).code())
                    .isEqualTo("call_not_found");

            assertThat(commandsToPbx.subList(before, commandsToPbx.size())).containsExactly(
                    new CallCommand.Hold("demo", "c-5", "1001", java.util.OptionalLong.empty()),
                    new CallCommand.Mute("demo", "c-5", "1001", java.util.OptionalLong.empty()),
                    new CallCommand.SendDtmf("demo", "c-5", "1001", "12#", java.time.Duration.ofMillis(80),
                            java.time.Duration.ofMillis(60), java.util.OptionalLong.empty()));
        } finally {
            synchronized (boards) {
                boards.get("demo").on(new LegReleased("demo", "c-5", at, "c-5-b", ReleaseCause.NORMAL));
                boards.get("demo").on(new LegReleased("demo", "c-5", at, "c-5-a", ReleaseCause.NORMAL));
            }
            commandsToPbx.subList(before, commandsToPbx.size()).clear();
        }
    }

    @Test
    void clickToCallAndItsRefusalsAnswerAsDocumented() {
        synchronized (boards) {
            boards.computeIfAbsent("demo", Switchboard::new).on(new io.ramal.cti.fact.ContactRegistered("demo", "1001",
                    Instant.now(), 1, io.ramal.cti.DeviceAbilities.NONE));
        }
        String alice = accessToken("alice", "demo-alice");
        String admin = adminToken();
        try {
            Answer started = exchange("POST", "/api/v1/calls", Map.of(), alice, json(Map.of("to", "1002")));
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.json().path("status").asText()).isEqualTo("originating");
            assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/calls/new-call");
            assertThat(commandsToPbx).contains(new CallCommand.Originate("demo", "1001", "1002"));

            assertThat(exchange("POST", "/api/v1/calls", Map.of(), alice, json(Map.of("from", "1002", "to", "1003")))
                    .code()).as("an agent places calls from its own extension only").isEqualTo("forbidden");
            assertThat(exchange("POST", "/api/v1/calls", Map.of(), admin, json(Map.of("from", "1003", "to", "1002")))
                    .code()).as("1003 has no registered phone").isEqualTo("device_unavailable");
            assertThat(exchange("POST", "/api/v1/calls", Map.of(), admin, json(Map.of("from", "9999", "to", "1002")))
                    .code()).isEqualTo("extension_not_found");
            assertThat(exchange("POST", "/api/v1/calls", Map.of(), alice, json(Map.of("to", "11 2222 3333"))).code())
                    .isEqualTo("invalid_argument");
            assertThat(exchange("POST", "/api/v1/calls", Map.of(), admin, json(Map.of("to", "1002"))).code())
                    .as("an admin without an extension must say from where").isEqualTo("invalid_request");
            assertThat(exchange("POST", "/api/v1/calls", Map.of(), alice, "{\"to\": 1002}").code())
                    .isEqualTo("invalid_request");
            assertThat(commandsToPbx.stream().filter(c -> c instanceof CallCommand.Originate)).hasSize(1);
        } finally {
            commandsToPbx.removeIf(c -> c instanceof CallCommand.Originate);
        }
    }

    @Test
    void campaignFieldsOnALiveCallTheBoardAndAgentStatisticsAnswerAsDocumented() {
        ringing("c-camp", "1001", "1002");
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");
        Map<String, String> call = Map.of("id", "c-camp");
        try {
            Answer patched = exchange("PATCH", "/api/v1/calls/{id}", call, alice, json(Map.of("campaign",
                    Map.of("customer_code", "C-77", "customer_name", "Maria Souza", "extra_1", "gold"))));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().path("campaign").path("customer_code").asText()).isEqualTo("C-77");
            assertThat(patched.json().path("campaign").path("extra_2").isNull()).isTrue();
            long version = patched.json().path("version").asLong();
            assertThat(patched.headers().firstValue("ETag")).hasValue("\"" + version + "\"");
            assertThat(exchange("PATCH", "/api/v1/calls/{id}", call, admin, json(Map.of("campaign", Map.of())),
                    Map.of("If-Match", "\"" + (version - 1) + "\"")).code()).isEqualTo("version_mismatch");
            assertThat(exchange("PATCH", "/api/v1/calls/{id}", call, admin, "{\"campaign\": \"C-77\"}").code())
                    .isEqualTo("invalid_campaign");
            assertThat(exchange("PATCH", "/api/v1/calls/{id}", call, admin,
                    json(Map.of("campaign", Map.of("codigoCliente", "1")))).code()).isEqualTo("invalid_campaign");
            assertThat(exchange("PATCH", "/api/v1/calls/{id}", call, admin, json(Map.of("state", "held"))).code())
                    .isEqualTo("invalid_request");
            assertThat(exchange("PATCH", "/api/v1/calls/{id}", Map.of("id", "nosuch"), admin,
                    json(Map.of("campaign", Map.of()))).code()).isEqualTo("call_not_found");
            Answer cleared = exchange("PATCH", "/api/v1/calls/{id}", call, admin, "{\"campaign\": null}");
            assertThat(cleared.json().path("campaign").isNull()).isTrue();
            assertThat(cleared.json().path("version").asLong()).isEqualTo(version + 1);

            Answer board = exchange("GET", "/api/v1/board", Map.of(), admin, null);
            assertThat(board.status()).isEqualTo(200);
            assertThat(board.json().path("extensions")).anySatisfy(e -> {
                assertThat(e.path("number").asText()).isEqualTo("1002");
                assertThat(e.path("calls").get(0).asText()).isEqualTo("c-camp");
            });
            assertThat(exchange("GET", "/api/v1/board", Map.of(), alice, null).json().path("extensions"))
                    .as("an agent sees its own extension only").singleElement()
                    .satisfies(e -> assertThat(e.path("number").asText()).isEqualTo("1001"));

            Answer mine = exchange("GET", "/api/v1/agents/{agent}/stats", Map.of("agent", "me"), alice, null);
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().path("username").asText()).isEqualTo("alice");
            assertThat(exchange("GET", "/api/v1/agents/{agent}/stats?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
                    Map.of("agent", "alice"), admin, null).json().path("calls_handled").asInt()).isZero();
            assertThat(exchange("GET", "/api/v1/agents/{agent}/stats", Map.of("agent", "bob"), alice, null).code())
                    .isEqualTo("forbidden");
            assertThat(exchange("GET", "/api/v1/agents/{agent}/stats", Map.of("agent", "nobody"), admin, null).code())
                    .isEqualTo("agent_not_found");
            assertThat(exchange("GET", "/api/v1/agent-stats?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                    Map.of(), admin, null).code()).isEqualTo("invalid_window");
            assertThat(exchange("GET", "/api/v1/agent-stats?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z",
                    Map.of(), admin, null).code()).isEqualTo("invalid_window");
            assertThat(exchange("GET", "/api/v1/agent-stats?from=today", Map.of(), admin, null).code())
                    .isEqualTo("invalid_window");
            Answer all = exchange("GET", "/api/v1/agent-stats", Map.of(), admin, null);
            assertThat(all.status()).isEqualTo(200);
            assertThat(exchange("GET", "/api/v1/agent-stats", Map.of(), alice, null).json().path("agents"))
                    .allSatisfy(a -> assertThat(a.path("username").asText()).isEqualTo("alice"));
        } finally {
            synchronized (boards) {
                Switchboard board = boards.get("demo");
                board.on(new LegReleased("demo", "c-camp", Instant.now(), "c-camp-b", ReleaseCause.NORMAL));
                board.on(new LegReleased("demo", "c-camp", Instant.now(), "c-camp-a", ReleaseCause.NORMAL));
            }
        }
    }

    /** The PBX side of supervision: takes every command on, except on call {@code c-busy} (supervised already). */
    private final class PbxThatSupervises implements io.ramal.api.supervision.SupervisionControl {
        @Override
        public CommandResult start(Start start) {
            supervisionToPbx.add("start " + start.callId() + " " + start.supervisorDevice() + " " + start.mode() + " "
                    + start.agent().orElse("-") + " " + start.notifyAgent());
            return start.callId().equals("c-busy")
                    ? CommandResult.refused(io.ramal.cti.control.RefusalCode.INVALID_STATE, "supervised already")
                    : CommandResult.accepted(start.callId());
        }

        @Override
        public CommandResult change(String tenant, String callId, String mode, Optional<String> agent) {
            supervisionToPbx.add("change " + callId + " " + mode + " " + agent.orElse("-"));
            return CommandResult.accepted(callId);
        }

        @Override
        public CommandResult stop(String tenant, String callId) {
            supervisionToPbx.add("stop " + callId);
            return CommandResult.accepted(callId);
        }
    }

    @Test
    void supervisionOfALiveCallAndItsAuditAnswerAsDocumented() {
        ringing("c-sup", "1001", "1002");
        ringing("c-busy", "1001", "1004");
        Instant at = Instant.now();
        synchronized (boards) {
            boards.get("demo").on(new LegAnswered("demo", "c-sup", at, "c-sup-b"));
        }
        String admin = adminToken();
        String carol = accessToken("carol", "demo-carol");
        String alice = accessToken("alice", "demo-alice");
        Map<String, String> call = Map.of("id", "c-sup");
        try {
            assertThat(exchange("POST", "/api/v1/calls/{id}/supervision", call, alice,
                    json(Map.of("mode", "listen"))).code()).as("an agent may not supervise").isEqualTo("forbidden");
            assertThat(exchange("POST", "/api/v1/calls/{id}/supervision", call, carol,
                    json(Map.of("mode", "whisper"))).code()).as("a whisper needs its agent").isEqualTo("invalid_request");
            assertThat(exchange("POST", "/api/v1/calls/{id}/supervision", call, carol,
                    json(Map.of("mode", "spy"))).code()).isEqualTo("invalid_request");
            assertThat(exchange("POST", "/api/v1/calls/{id}/supervision", call, carol,
                    json(Map.of("mode", "whisper", "agent", "1009"))).code()).isEqualTo("invalid_argument");
            assertThat(exchange("POST", "/api/v1/calls/{id}/supervision", Map.of("id", "nosuch"), carol,
                    json(Map.of("mode", "listen"))).code()).isEqualTo("call_not_found");
            assertThat(exchange("POST", "/api/v1/calls/{id}/supervision", Map.of("id", "c-busy"), carol,
                    json(Map.of("mode", "listen"))).code()).isEqualTo("invalid_state");
            assertThat(exchange("GET", "/api/v1/calls/{id}/supervision", call, carol, null).code())
                    .isEqualTo("supervision_not_found");

            Answer started = exchange("POST", "/api/v1/calls/{id}/supervision", call, carol,
                    json(Map.of("mode", "listen", "agent", "1002", "notify_agent", true)));
            assertThat(started.status()).as(started.json().toString()).isEqualTo(202);
            assertThat(started.json().path("supervisor").path("device").asText()).as("carol's own extension")
                    .isEqualTo("1003");
            assertThat(started.json().path("state").asText()).isEqualTo("calling_supervisor");
            Answer changed = exchange("PATCH", "/api/v1/calls/{id}/supervision", call, carol,
                    json(Map.of("mode", "whisper")));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().path("mode").asText()).isEqualTo("whisper");
            assertThat(changed.json().path("agent").asText()).isEqualTo("1002");
            assertThat(exchange("GET", "/api/v1/calls/{id}/supervision", call, admin, null).json().path("mode")
                    .asText()).isEqualTo("whisper");
            assertThat(exchange("DELETE", "/api/v1/calls/{id}/supervision", call, carol, null).status())
                    .isEqualTo(202);
            assertThat(exchange("DELETE", "/api/v1/calls/{id}/supervision", call, carol, null).code())
                    .isEqualTo("supervision_not_found");

            assertThat(exchange("GET", "/api/v1/supervision/audit", Map.of(), carol, null).code())
                    .as("the audit is for admins").isEqualTo("forbidden");
            Answer audit = exchange("GET", "/api/v1/supervision/audit?call_id=c-sup&limit=2", Map.of(), admin, null);
            assertThat(audit.json().path("steps")).extracting(s -> s.path("action").asText())
                    .containsExactly("requested", "mode_changed");
            Answer rest = exchange("GET", "/api/v1/supervision/audit?cursor="
                    + audit.json().path("next_cursor").asText(), Map.of(), admin, null);
            assertThat(rest.json().path("steps")).extracting(s -> s.path("action").asText()).containsExactly("ended");
            assertThat(exchange("GET", "/api/v1/supervision/audit?cursor=nonsense", Map.of(), admin, null).code())
                    .isEqualTo("invalid_cursor");
            assertThat(supervisionToPbx).containsExactly("start c-busy 1003 listen - false",
                    "start c-sup 1003 listen 1002 true", "change c-sup whisper -", "stop c-sup");
        } finally {
            synchronized (boards) {
                boards.get("demo").on(new LegReleased("demo", "c-sup", at, "c-sup-b", ReleaseCause.NORMAL));
                boards.get("demo").on(new LegReleased("demo", "c-sup", at, "c-sup-a", ReleaseCause.NORMAL));
                boards.get("demo").on(new LegReleased("demo", "c-busy", at, "c-busy-b", ReleaseCause.NORMAL));
                boards.get("demo").on(new LegReleased("demo", "c-busy", at, "c-busy-a", ReleaseCause.NORMAL));
            }
        }
    }

    @Test
    void recordingControlOfALiveCallAnswersAsDocumented() {
        Instant at = Instant.now();
        synchronized (boards) {
            Switchboard board = boards.computeIfAbsent("demo", Switchboard::new);
            board.on(new CallCreated("demo", "c-rec", at, "c-rec-a", Endpoint.device("1001"), Optional.empty(), "1005",
                    Optional.empty(), Direction.INTERNAL, Optional.empty()));
            board.on(new LegCreated("demo", "c-rec", at, "c-rec-b", Endpoint.device("1005"), Optional.empty()));
            board.on(new LegAlerted("demo", "c-rec", at, "c-rec-b"));
            board.on(new LegAnswered("demo", "c-rec", at, "c-rec-b"));
        }
        String alice = accessToken("alice", "demo-alice");
        String bob = accessToken("bob", "demo-bob");
        Map<String, String> call = Map.of("id", "c-rec");

        Answer started = exchange("POST", "/api/v1/calls/{id}/recording/start", call, alice, null);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().path("status").asText()).isEqualTo("recording");
        assertThat(commandsToPbx).contains(new CallCommand.StartRecording("demo", "c-rec",
                java.util.OptionalLong.empty()));
        assertThat(exchange("POST", "/api/v1/calls/{id}/recording/pause", call, alice, null).code())
                .as("the switchboard has not heard of a recording").isEqualTo("invalid_state");
        assertThat(exchange("POST", "/api/v1/calls/{id}/recording/resume", call, alice, null).status()).isEqualTo(409);
        assertThat(exchange("POST", "/api/v1/calls/{id}/recording/stop", call, bob, null).code())
                .isEqualTo("call_not_found");
        assertThat(exchange("POST", "/api/v1/calls/{id}/recording/start", call, alice, null,
                Map.of("If-Match", "\"0\"")).code()).isEqualTo("version_mismatch");
        assertThat(exchange("POST", "/api/v1/calls/{id}/recording/start", call, alice, null,
                Map.of("If-Match", "soon")).code()).isEqualTo("invalid_if_match");

        // leave the switchboard and the PBX double as the other tests expect them
        commandsToPbx.clear();
        synchronized (boards) {
            Switchboard board = boards.get("demo");
            board.on(new io.ramal.cti.fact.LegReleased("demo", "c-rec", at, "c-rec-b", io.ramal.cti.ReleaseCause.NORMAL));
            board.on(new io.ramal.cti.fact.LegReleased("demo", "c-rec", at, "c-rec-a", io.ramal.cti.ReleaseCause.NORMAL));
            assertThat(board.call("c-rec")).isEmpty();
        }
    }

    @Test
    void extensionsDidsAndDevicesAnswerAsDocumented() {
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");
        assertThat(exchange("GET", "/api/v1/extensions", Map.of(), admin, null).json().path("extensions").size())
                .isGreaterThanOrEqualTo(4);
        Answer created = exchange("POST", "/api/v1/extensions", Map.of(), admin,
                json(Map.of("number", "1077", "name", "Reception", "password", "a-long-secret")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/extensions/1077");
        assertThat(exchange("POST", "/api/v1/extensions", Map.of(), admin,
                json(Map.of("number", "1077", "password", "a-long-secret"))).code()).isEqualTo("extension_exists");
        assertThat(exchange("POST", "/api/v1/extensions", Map.of(), admin,
                json(Map.of("number", "1078", "password", "1078abcdefg"))).code()).isEqualTo("weak_password");
        assertThat(exchange("POST", "/api/v1/extensions", Map.of(), alice,
                json(Map.of("number", "1079", "password", "a-long-secret"))).code()).isEqualTo("forbidden");
        assertThat(exchange("PATCH", "/api/v1/extensions/{number}", Map.of("number", "1077"), admin,
                json(Map.of("name", "Front desk"))).json().path("name").asText()).isEqualTo("Front desk");
        assertThat(exchange("PATCH", "/api/v1/extensions/{number}", Map.of("number", "1003"), admin,
                json(Map.of("name", "x"))).code()).isEqualTo("managed_by_config");
        assertThat(exchange("GET", "/api/v1/extensions/{number}", Map.of("number", "1003"), admin, null).json()
                .path("managed_by").asText()).isEqualTo("config");

        assertThat(exchange("PUT", "/api/v1/dids/{number}", Map.of("number", "5550100"), admin,
                json(Map.of("extension", "1077"))).status()).isEqualTo(201);
        assertThat(exchange("PUT", "/api/v1/dids/{number}", Map.of("number", "5550100"), admin,
                json(Map.of("extension", "1001"))).status()).isEqualTo(200);
        assertThat(exchange("PUT", "/api/v1/dids/{number}", Map.of("number", "5550101"), admin,
                json(Map.of("extension", "9999"))).code()).isEqualTo("unknown_extension");
        assertThat(exchange("GET", "/api/v1/dids", Map.of(), admin, null).json().path("dids")).isNotEmpty();
        assertThat(exchange("GET", "/api/v1/dids/{number}", Map.of("number", "5550100"), admin, null).json()
                .path("extension").asText()).isEqualTo("1001");
        assertThat(exchange("DELETE", "/api/v1/dids/{number}", Map.of("number", "5550100"), admin, null).status())
                .isEqualTo(204);
        assertThat(exchange("DELETE", "/api/v1/dids/{number}", Map.of("number", "5550100"), admin, null).code())
                .isEqualTo("did_not_found");

        Answer devices = exchange("GET", "/api/v1/devices", Map.of(), alice, null);
        assertThat(devices.json().path("devices")).anySatisfy(d -> {
            assertThat(d.path("number").asText()).isEqualTo("1077");
            assertThat(d.path("registered").asBoolean()).isFalse();
            assertThat(d.path("state").asText()).isEqualTo("idle");
        });
        assertThat(exchange("GET", "/api/v1/devices/{number}", Map.of("number", "1077"), alice, null).status())
                .isEqualTo(200);
        assertThat(exchange("GET", "/api/v1/devices/{number}", Map.of("number", "4242"), alice, null).code())
                .isEqualTo("device_not_found");
        assertThat(exchange("DELETE", "/api/v1/extensions/{number}", Map.of("number", "1077"), admin, null).status())
                .isEqualTo(204);
        assertThat(exchange("GET", "/api/v1/extensions/{number}", Map.of("number", "1077"), admin, null).code())
                .isEqualTo("extension_not_found");
    }

    @Test
    void trunksAnswerAsDocumented() {
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");
        Answer created = exchange("POST", "/api/v1/trunks", Map.of(), admin, json(Map.of("name", "carrier",
                "host", "sip.carrier.example", "username", "acct-42", "password", "provider secret", "register", true,
                "outbound_prefixes", List.of("+44"), "inbound_sources", List.of("192.0.2.0/24"))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/trunks/carrier");
        assertThat(created.body()).doesNotContain("provider secret");
        assertThat(created.json().path("registration").path("last_error").asText()).isEqualTo("403 Forbidden");
        assertThat(exchange("POST", "/api/v1/trunks", Map.of(), admin,
                json(Map.of("name", "carrier", "host", "127.0.0.1"))).code()).isEqualTo("trunk_exists");
        assertThat(exchange("POST", "/api/v1/trunks", Map.of(), admin,
                json(Map.of("name", "Bad Name", "host", "127.0.0.1"))).code()).isEqualTo("invalid_request");
        assertThat(exchange("POST", "/api/v1/trunks", Map.of(), admin,
                json(Map.of("name", "reg", "host", "127.0.0.1", "register", true))).code())
                .isEqualTo("credentials_incomplete");
        assertThat(exchange("POST", "/api/v1/trunks", Map.of(), admin,
                json(Map.of("name", "wide", "host", "127.0.0.1", "inbound_sources", List.of("0.0.0.0/0")))).code())
                .isEqualTo("source_too_wide");
        assertThat(exchange("POST", "/api/v1/trunks", Map.of(), alice,
                json(Map.of("name", "mine", "host", "127.0.0.1"))).code()).isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/trunks", Map.of(), admin, null).json().path("trunks").size())
                .isGreaterThanOrEqualTo(2);
        Answer changed = exchange("PATCH", "/api/v1/trunks/{name}", Map.of("name", "carrier"), admin,
                json(Map.of("port", 5070, "caller_id", "+442079460000", "register", false)));
        assertThat(changed.json().path("port").asInt()).isEqualTo(5070);
        assertThat(changed.json().path("registration").path("state").asText()).isEqualTo("off");
        assertThat(exchange("PATCH", "/api/v1/trunks/{name}", Map.of("name", "carrier"), admin,
                json(Map.of("transport", "sctp"))).code()).isEqualTo("invalid_request");
        assertThat(exchange("GET", "/api/v1/trunks/{name}", Map.of("name", DemoTenant.TRUNK), admin, null).json()
                .path("managed_by").asText()).isEqualTo("config");
        assertThat(exchange("PATCH", "/api/v1/trunks/{name}", Map.of("name", DemoTenant.TRUNK), admin,
                json(Map.of("port", 5090))).code()).isEqualTo("managed_by_config");
        assertThat(exchange("DELETE", "/api/v1/trunks/{name}", Map.of("name", DemoTenant.TRUNK), admin, null).code())
                .isEqualTo("managed_by_config");
        assertThat(exchange("DELETE", "/api/v1/trunks/{name}", Map.of("name", "carrier"), admin, null).status())
                .isEqualTo(204);
        assertThat(exchange("GET", "/api/v1/trunks/{name}", Map.of("name", "carrier"), admin, null).code())
                .isEqualTo("trunk_not_found");
        assertThat(exchange("DELETE", "/api/v1/trunks/{name}", Map.of("name", "carrier"), admin, null).code())
                .isEqualTo("trunk_not_found");
    }

    @Test
    void tenantsAnswerAsDocumentedToOperatorsOnly() {
        String admin = adminToken();
        assertThat(exchange("GET", "/api/v1/tenants", Map.of(), admin, null).code()).isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/tenants", Map.of(), "not-an-operator-key", null).code())
                .isEqualTo("invalid_token");
        assertThat(exchange("GET", "/api/v1/tenants", Map.of(), OPERATOR_KEY, null).json().path("tenants"))
                .anySatisfy(t -> assertThat(t.path("id").asText()).isEqualTo(DemoTenant.ID));

        Answer created = exchange("POST", "/api/v1/tenants", Map.of(), OPERATOR_KEY,
                json(Map.of("id", "globex", "name", "Globex", "domains", List.of("globex.test", "GLOBEX.local"))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/tenants/globex");
        assertThat(created.json().path("domains").toString()).contains("globex.local");
        String globexAdmin = accessToken(created.json().path("initial_admin").path("username").asText(),
                created.json().path("initial_admin").path("password").asText());
        assertThat(exchange("GET", "/api/v1/tenants", Map.of(), globexAdmin, null).code()).isEqualTo("forbidden");
        assertThat(exchange("POST", "/api/v1/tenants", Map.of(), OPERATOR_KEY,
                json(Map.of("id", "globex", "domains", List.of("other.test")))).code()).isEqualTo("tenant_exists");
        assertThat(exchange("POST", "/api/v1/tenants", Map.of(), OPERATOR_KEY,
                json(Map.of("id", "initech", "domains", List.of("127.0.0.1")))).code()).isEqualTo("domain_taken");
        assertThat(exchange("POST", "/api/v1/tenants", Map.of(), OPERATOR_KEY,
                json(Map.of("id", "Bad Id", "domains", List.of("x.test")))).code()).isEqualTo("invalid_request");

        assertThat(exchange("PATCH", "/api/v1/tenants/{id}", Map.of("id", "globex"), OPERATOR_KEY,
                json(Map.of("name", "Globex Corp", "domains", List.of("globex.test")))).json().path("domains").size())
                .isEqualTo(1);
        assertThat(exchange("PATCH", "/api/v1/tenants/{id}", Map.of("id", DemoTenant.ID), OPERATOR_KEY,
                json(Map.of("name", "Renamed"))).code()).isEqualTo("managed_by_config");
        assertThat(exchange("PATCH", "/api/v1/tenants/{id}", Map.of("id", "globex"), OPERATOR_KEY,
                json(Map.of("domains", List.of("localhost")))).code()).isEqualTo("domain_taken");
        assertThat(exchange("PATCH", "/api/v1/tenants/{id}", Map.of("id", "globex"), OPERATOR_KEY,
                json(Map.of("disabled", true))).json().path("disabled").asBoolean()).isTrue();
        assertThat(exchange("GET", "/api/v1/me", Map.of(), globexAdmin, null).code()).isEqualTo("tenant_disabled");
        assertThat(exchange("GET", "/api/v1/tenants/{id}", Map.of("id", "globex"), OPERATOR_KEY, null).json()
                .path("managed_by").asText()).isEqualTo("api");
        assertThat(exchange("GET", "/api/v1/tenants/{id}", Map.of("id", "nobody"), OPERATOR_KEY, null).code())
                .isEqualTo("tenant_not_found");
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void agentsPauseReasonsPositionsThePolicyAndTheLedgerAnswerAsDocumented() {
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");
        String bob = accessToken("bob", "demo-bob");
        Answer created = exchange("POST", "/api/v1/pause-reasons", Map.of(), admin, json(Map.of("id", "coffee",
                "name", "Coffee", "max_duration_s", 600, "groups", List.of("sales"))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(exchange("POST", "/api/v1/pause-reasons", Map.of(), admin, json(Map.of("name", "Coffee"))).code())
                .isEqualTo("pause_reason_exists");
        assertThat(exchange("POST", "/api/v1/pause-reasons", Map.of(), admin, json(Map.of("name", "Away")))
                .status()).isEqualTo(201);
        assertThat(exchange("PATCH", "/api/v1/pause-reasons/{id}", Map.of("id", "coffee"), admin,
                json(Map.of("groups", List.of()))).json().path("groups")).isEmpty();
        assertThat(exchange("GET", "/api/v1/pause-reasons/{id}", Map.of("id", "nope"), alice, null).code())
                .isEqualTo("pause_reason_not_found");
        assertThat(exchange("GET", "/api/v1/pause-reasons", Map.of(), alice, null).json().path("reasons")).hasSize(2);

        Answer login = exchange("POST", "/api/v1/agents/{agent}/login", Map.of("agent", "me"), alice,
                json(Map.of("extension", "1001")));
        assertThat(login.status()).isEqualTo(201);
        assertThat(login.json().path("reasons")).hasSize(2);
        assertThat(exchange("POST", "/api/v1/agents/{agent}/login", Map.of("agent", "me"), alice,
                json(Map.of("extension", "1002"))).code()).isEqualTo("agent_already_logged_in");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/login", Map.of("agent", "me"), bob,
                json(Map.of("extension", "9999"))).code()).isEqualTo("device_not_found");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/login", Map.of("agent", "me"), bob,
                json(Map.of("extension", "1001", "ip", "127.0.0.9"))).code()).isEqualTo("invalid_request");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/pause", Map.of("agent", "alice"), alice,
                json(Map.of("reason_id", "coffee", "after_call", true))).json().path("state").asText())
                .isEqualTo("paused");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/pause", Map.of("agent", "bob"), bob,
                json(Map.of("reason_id", "coffee"))).code()).isEqualTo("not_logged_in");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/available", Map.of("agent", "alice"), bob, null).code())
                .isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/agents/{agent}", Map.of("agent", "nobody"), alice, null).code())
                .isEqualTo("agent_not_found");
        assertThat(exchange("GET", "/api/v1/agents/{agent}/reasons", Map.of("agent", "me"), alice, null).status())
                .isEqualTo(200);
        assertThat(exchange("PUT", "/api/v1/agents/{agent}/groups", Map.of("agent", "alice"), admin,
                json(Map.of("groups", List.of("sales")))).json().path("groups").get(0).asText()).isEqualTo("sales");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/available", Map.of("agent", "me"), alice, null).status())
                .isEqualTo(200);
        assertThat(exchange("GET", "/api/v1/agents", Map.of(), alice, null).json().path("agents")).isNotEmpty();
        assertThat(exchange("GET", "/api/v1/agents/{agent}", Map.of("agent", "me"), alice, null).json()
                .path("state").asText()).isEqualTo("available");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/logout", Map.of("agent", "me"), alice, null).json()
                .path("state").asText()).isEqualTo("logged_out");

        Answer ledger = exchange("GET", "/api/v1/agent-intervals?limit=2", Map.of(), admin, null);
        assertThat(ledger.json().path("intervals")).hasSize(2);
        assertThat(exchange("GET", "/api/v1/agent-intervals?cursor=" + ledger.json().path("next_cursor").asText(),
                Map.of(), admin, null).json().path("intervals")).hasSize(2);
        assertThat(exchange("GET", "/api/v1/agent-intervals?cursor=nonsense", Map.of(), admin, null).code())
                .isEqualTo("invalid_cursor");
        assertThat(exchange("GET", "/api/v1/agent-intervals?from=yesterday", Map.of(), admin, null).code())
                .isEqualTo("invalid_request");

        assertThat(exchange("GET", "/api/v1/agent-policy", Map.of(), alice, null).json().path("second_login")
                .asText()).isEqualTo("refuse");
        assertThat(exchange("PUT", "/api/v1/agent-policy", Map.of(), admin, json(Map.of("second_login", "take_over",
                "vanish_grace_s", 30, "vanish_action", "pause", "vanish_reason_id", "coffee"))).status())
                .isEqualTo(200);
        assertThat(exchange("PUT", "/api/v1/agent-policy", Map.of(), admin, json(Map.of("second_login", "refuse",
                "vanish_grace_s", 30, "vanish_action", "pause", "vanish_reason_id", "nope"))).code())
                .isEqualTo("pause_reason_not_found");
        assertThat(exchange("PUT", "/api/v1/agent-policy", Map.of(), alice, json(Map.of("second_login", "refuse",
                "vanish_grace_s", 30, "vanish_action", "logout"))).code()).isEqualTo("forbidden");

        assertThat(exchange("PUT", "/api/v1/agent-positions/{position}", Map.of("position", "12"), admin,
                json(Map.of("extension", "1002"))).status()).isEqualTo(200);
        assertThat(exchange("PUT", "/api/v1/agent-positions/{position}", Map.of("position", "13"), admin,
                json(Map.of("extension", "9999"))).code()).isEqualTo("device_not_found");
        assertThat(exchange("GET", "/api/v1/agent-positions", Map.of(), admin, null).json().path("positions"))
                .hasSize(1);
        assertThat(exchange("DELETE", "/api/v1/agent-positions/{position}", Map.of("position", "12"), admin, null)
                .status()).isEqualTo(204);
        assertThat(exchange("DELETE", "/api/v1/agent-positions/{position}", Map.of("position", "12"), admin, null)
                .code()).isEqualTo("position_not_found");
        assertThat(exchange("DELETE", "/api/v1/pause-reasons/{id}", Map.of("id", "coffee"), admin, null).status())
                .isEqualTo(204);
    }

    @Test
    void queuesTheirMembersCallersAndStatisticsAnswerAsDocumented() {
        String admin = adminToken();
        String bob = accessToken("bob", "demo-bob");
        String carol = accessToken("carol", "demo-carol");
        Answer created = exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "sales",
                "strategy", "longest_idle", "max_wait_s", 120, "overflow_to", "extension:1003", "wrap_up_s", 5)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/queues/sales");
        assertThat(created.json().path("managed_by").asText()).isEqualTo("api");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "sales"))).code())
                .isEqualTo("queue_exists");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "x1", "overflow_to",
                "queue:nope"))).code()).isEqualTo("unknown_queue");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "x1", "overflow_to",
                "extension:9999"))).code()).isEqualTo("unknown_extension");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "x1", "strategy",
                "random"))).code()).isEqualTo("invalid_request");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "Bad Name"))).code())
                .isEqualTo("invalid_request");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), bob, json(Map.of("name", "x2"))).code())
                .isEqualTo("forbidden");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "vip"))).status())
                .isEqualTo(201);
        assertThat(exchange("GET", "/api/v1/queues/{name}", Map.of("name", "vip"), bob, null).json()
                .path("managed_by").asText()).isEqualTo("config");
        assertThat(exchange("PATCH", "/api/v1/queues/{name}", Map.of("name", "vip"), admin,
                json(Map.of("wrap_up_s", 3))).code()).isEqualTo("managed_by_config");
        assertThat(exchange("GET", "/api/v1/queues", Map.of(), bob, null).json().path("queues")).hasSize(2);
        assertThat(exchange("GET", "/api/v1/queues/{name}", Map.of("name", "nope"), bob, null).code())
                .isEqualTo("queue_not_found");
        Answer patched = exchange("PATCH", "/api/v1/queues/{name}", Map.of("name", "sales"), admin,
                json(Map.of("max_callers", 10, "announce_position_every_s", 30)));
        assertThat(patched.json().path("max_callers").asInt()).isEqualTo(10);
        assertThat(patched.json().path("strategy").asText()).as("kept").isEqualTo("longest_idle");
        Map<String, Object> clear = new HashMap<>();
        clear.put("max_wait_s", null);
        assertThat(exchange("PATCH", "/api/v1/queues/{name}", Map.of("name", "sales"), admin, json(clear)).json()
                .path("max_wait_s").isNull()).isTrue();
        Answer dialled = exchange("PATCH", "/api/v1/queues/{name}", Map.of("name", "sales"), admin,
                json(Map.of("number", "5000", "language", "pt", "announce_wait", true)));
        assertThat(dialled.json().path("number").asText()).as(dialled.body()).isEqualTo("5000");
        assertThat(dialled.json().path("language").asText()).isEqualTo("pt");
        assertThat(exchange("PATCH", "/api/v1/queues/{name}", Map.of("name", "sales"), admin,
                json(Map.of("number", "1001"))).code()).as("an extension's").isEqualTo("number_in_use");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "x3", "number", "5000")))
                .code()).as("another queue's").isEqualTo("number_in_use");
        assertThat(exchange("POST", "/api/v1/extensions", Map.of(), admin, json(Map.of("number", "5000",
                "password", "correct-horse-battery-staple"))).code()).isEqualTo("number_in_use");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "x3", "language", "fr")))
                .code()).isEqualTo("invalid_request");

        Answer joined = exchange("PUT", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "me"),
                bob, null);
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        assertThat(joined.json().path("status").asText()).isEqualTo("logged_out");
        assertThat(exchange("PUT", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "me"),
                bob, null).status()).isEqualTo(200);
        assertThat(exchange("PUT", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "me"),
                bob, json(Map.of("priority", 1))).code()).isEqualTo("forbidden");
        assertThat(exchange("PUT", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "alice"),
                carol, json(Map.of("priority", 2))).json().path("priority").asInt()).isEqualTo(2);
        assertThat(exchange("PUT", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "nope", "agent", "me"),
                bob, null).code()).isEqualTo("queue_not_found");
        assertThat(exchange("PUT", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "me"),
                bob, json(Map.of("priority", 101))).code()).isEqualTo("invalid_request");
        assertThat(exchange("GET", "/api/v1/queues/{name}/members", Map.of("name", "sales"), bob, null).json()
                .path("members")).hasSize(2);
        assertThat(exchange("POST", "/api/v1/queues/{name}/members/{agent}/pause", Map.of("name", "sales",
                "agent", "me"), bob, json(Map.of("reason", "coffee"))).json().path("pause_reason").asText())
                .isEqualTo("coffee");
        assertThat(exchange("POST", "/api/v1/queues/{name}/members/{agent}/pause", Map.of("name", "sales",
                "agent", "alice"), bob, null).code()).isEqualTo("forbidden");
        assertThat(exchange("POST", "/api/v1/queues/{name}/members/{agent}/unpause", Map.of("name", "sales",
                "agent", "me"), bob, null).json().path("paused").asBoolean()).isFalse();
        assertThat(exchange("POST", "/api/v1/queues/{name}/members/{agent}/unpause", Map.of("name", "vip",
                "agent", "me"), bob, null).code()).isEqualTo("not_a_member");
        assertThat(exchange("POST", "/api/v1/agents/{agent}/queues/pause", Map.of("agent", "me"), bob, null).json()
                .path("memberships").get(0).path("paused").asBoolean()).isTrue();
        assertThat(exchange("POST", "/api/v1/agents/{agent}/queues/unpause", Map.of("agent", "bob"), carol, null)
                .json().path("memberships").get(0).path("paused").asBoolean()).isFalse();
        assertThat(exchange("GET", "/api/v1/agents/{agent}/queues", Map.of("agent", "alice"), bob, null).json()
                .path("memberships")).hasSize(1);
        assertThat(exchange("GET", "/api/v1/agents/{agent}/queues", Map.of("agent", "nobody"), bob, null).code())
                .isEqualTo("agent_not_found");

        queueDesk.report(new io.ramal.cti.queue.QueueFact.CallerArrived(DemoTenant.ID, "q-call-1", "sales",
                "+5511988887777", Optional.empty(), new io.ramal.cti.CampaignFields(Optional.of("C-1"),
                        Optional.of("Maria"), Optional.of("Black Friday"), Optional.empty(), List.of()), Instant.now()));
        await().atMost(WAIT).until(() -> exchange("GET", "/api/v1/queues/{name}/callers", Map.of("name", "sales"),
                bob, null).json().path("callers").size() == 1);
        JsonNode caller = exchange("GET", "/api/v1/queues/{name}/callers", Map.of("name", "sales"), bob, null).json()
                .path("callers").get(0);
        assertThat(caller.path("campaign").path("customer_name").asText()).isEqualTo("Maria");
        assertThat(caller.path("position").asInt()).isEqualTo(1);
        Answer stats = exchange("GET", "/api/v1/queues/{name}/stats", Map.of("name", "sales"), bob, null);
        assertThat(stats.json().path("waiting").asInt()).isEqualTo(1);
        assertThat(stats.json().path("entered").asInt()).isEqualTo(1);
        assertThat(exchange("GET", "/api/v1/queues/{name}/stats", Map.of("name", "nope"), bob, null).code())
                .isEqualTo("queue_not_found");
        assertThat(exchange("GET", "/api/v1/queue-stats", Map.of(), bob, null).json().path("queues")).hasSize(2);
        assertThat(exchange("DELETE", "/api/v1/queues/{name}", Map.of("name", "sales"), admin, null).code())
                .isEqualTo("queue_not_empty");
        queueDesk.report(new io.ramal.cti.queue.QueueFact.CallEnded(DemoTenant.ID, "q-call-1", Instant.now()));
        await().atMost(WAIT).until(() -> exchange("GET", "/api/v1/queues/{name}/stats", Map.of("name", "sales"),
                bob, null).json().path("abandoned").asInt() == 1);
        JsonNode yesterday = exchange("GET", "/api/v1/queues/{name}/stats?to=" + java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS), Map.of("name", "sales"), bob, null).json();
        assertThat(yesterday.path("entered").asInt()).as("a window before the call").isZero();
        assertThat(yesterday.path("from").asText()).isNotBlank();
        assertThat(exchange("GET", "/api/v1/queues/{name}/stats?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                Map.of("name", "sales"), bob, null).code()).isEqualTo("invalid_window");
        assertThat(exchange("GET", "/api/v1/queue-stats?from=yesterday", Map.of(), bob, null).code())
                .isEqualTo("invalid_window");
        assertThat(exchange("GET", "/api/v1/queue-stats", Map.of(), bob, null).json().path("queues").findValues(
                "abandoned")).extracting(JsonNode::asInt).contains(1);

        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "backup"))).status())
                .isEqualTo(201);
        assertThat(exchange("PATCH", "/api/v1/queues/{name}", Map.of("name", "sales"), admin,
                json(Map.of("overflow_to", "queue:backup"))).status()).isEqualTo(200);
        assertThat(exchange("DELETE", "/api/v1/queues/{name}", Map.of("name", "backup"), admin, null).code())
                .isEqualTo("queue_in_use");
        assertThat(exchange("DELETE", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "me"),
                bob, null).status()).isEqualTo(204);
        assertThat(exchange("DELETE", "/api/v1/queues/{name}/members/{agent}", Map.of("name", "sales", "agent", "me"),
                bob, null).code()).isEqualTo("not_a_member");
        assertThat(exchange("DELETE", "/api/v1/queues/{name}", Map.of("name", "vip"), admin, null).code())
                .isEqualTo("managed_by_config");
        assertThat(exchange("DELETE", "/api/v1/queues/{name}", Map.of("name", "sales"), admin, null).status())
                .isEqualTo(204);
        assertThat(exchange("DELETE", "/api/v1/queues/{name}", Map.of("name", "backup"), admin, null).status())
                .isEqualTo(204);
    }

    @Test
    void callHistoryAnswersAsDocumented() {
        CallRecords records = new CallRecords(database.dataSource());
        Instant start = Instant.parse("2026-11-21T09:00:00Z");
        records.insert(new CallRecord("h-1", DemoTenant.ID, "sip-1", "1001", "1002", CallDirection.INTERNAL, start,
                Optional.of(start.plusSeconds(3)), start.plusSeconds(63), CallDisposition.ANSWERED, "callee hung up"));
        records.insert(new CallRecord("h-2", DemoTenant.ID, "sip-2", "1003", "1004", CallDirection.INTERNAL,
                start.plusSeconds(100), Optional.empty(), start.plusSeconds(110), CallDisposition.BUSY,
                "486 Busy Here"));
        new MediaQualities(database.dataSource()).put(new MediaQuality(DemoTenant.ID, "h-1", MediaQuality.Leg.CALLER,
                3000, 2990, 10, Duration.ofNanos(1_250_000), 12, 11,
                Optional.of(new MediaQuality.PeerView(3, 4, Duration.ofMillis(2), Optional.of(Duration.ofMillis(12)))),
                Optional.of(Duration.ofMillis(15)), start.plusSeconds(63)));
        new MediaQualities(database.dataSource()).put(new MediaQuality(DemoTenant.ID, "h-1", MediaQuality.Leg.CALLEE,
                3000, 3000, 0, Duration.ZERO, 12, 0, Optional.empty(), Optional.empty(), start.plusSeconds(63)));
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");

        Answer page = exchange("GET", "/api/v1/cdrs?limit=1", Map.of(), admin, null);
        assertThat(page.json().path("cdrs")).hasSize(1);
        String cursor = page.json().path("next_cursor").asText();
        Answer next = exchange("GET", "/api/v1/cdrs?limit=1&cursor=" + cursor, Map.of(), admin, null);
        assertThat(next.json().path("cdrs").get(0).path("id").asText()).isEqualTo("h-1");
        assertThat(exchange("GET", "/api/v1/cdrs?disposition=busy", Map.of(), admin, null).json().path("cdrs"))
                .extracting(r -> r.path("id").asText()).containsExactly("h-2");
        assertThat(exchange("GET", "/api/v1/cdrs", Map.of(), alice, null).json().path("cdrs"))
                .as("an agent sees the calls of its own extension").extracting(r -> r.path("id").asText())
                .containsExactly("h-1");
        Answer shown = exchange("GET", "/api/v1/cdrs/{id}", Map.of("id", "h-1"), alice, null);
        assertThat(shown.json().path("billable_seconds").asLong()).isEqualTo(60);
        assertThat(shown.json().path("media_quality").path("caller").path("peer_report").path("round_trip_ms")
                .asDouble()).isEqualTo(12.0);
        assertThat(shown.json().path("media_quality").path("callee").path("peer_report").isNull()).isTrue();
        assertThat(next.json().path("cdrs").get(0).path("media_quality").path("caller").path("packets_lost").asLong())
                .as("the list carries it too").isEqualTo(10);
        assertThat(page.json().path("cdrs").get(0).path("media_quality").isNull()).as("h-2 had none").isTrue();
        assertThat(exchange("GET", "/api/v1/cdrs/{id}", Map.of("id", "h-2"), alice, null).code())
                .isEqualTo("cdr_not_found");
        assertThat(exchange("GET", "/api/v1/cdrs?extension=1003", Map.of(), alice, null).code())
                .isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/cdrs?from=yesterday", Map.of(), admin, null).code())
                .isEqualTo("invalid_query");
    }

    @Test
    void recordingsAndTheirAudioAnswerAsDocumented() throws Exception {
        Recordings index = new Recordings(database.dataSource());
        byte[] wav = new byte[4044];
        new java.util.Random(7).nextBytes(wav);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(wav));
        Files.createDirectories(recordingsDir.resolve("demo/2026/05/01"));
        Files.write(recordingsDir.resolve("demo/2026/05/01/c-old-1.wav"), wav);
        Instant at = Instant.parse("2026-05-01T10:00:00Z");
        index.insert(Recording.started("c-old-1", "demo", "c-old", 1, Optional.of("1001"), Optional.of("1004"), at,
                "demo/2026/05/01/c-old-1.wav"));
        index.stopped("demo", "c-old-1", at.plusSeconds(1), 0, "api");
        index.wavReady("demo", "c-old-1", 250, new RecordingFile("demo/2026/05/01/c-old-1.wav", wav.length, sha),
                Optional.empty(), false);
        index.insert(Recording.started("c-live-1", "demo", "c-live", 1, Optional.of("1001"), Optional.of("1004"),
                at.plusSeconds(60), "demo/2026/05/01/c-live-1.wav"));
        String admin = adminToken();
        String bob = accessToken("bob", "demo-bob");
        Map<String, String> old = Map.of("id", "c-old-1");

        Answer listed = exchange("GET", "/api/v1/recordings?limit=1", Map.of(), admin, null);
        assertThat(listed.json().path("recordings").get(0).path("id").asText()).isEqualTo("c-live-1");
        assertThat(exchange("GET", "/api/v1/recordings?cursor=" + listed.json().path("next_cursor").asText(),
                Map.of(), admin, null).json().path("recordings").get(0).path("id").asText()).isEqualTo("c-old-1");
        assertThat(exchange("GET", "/api/v1/recordings?limit=0", Map.of(), admin, null).code())
                .isEqualTo("invalid_query");
        assertThat(exchange("GET", "/api/v1/recordings?from=yesterday", Map.of(), admin, null).code())
                .isEqualTo("invalid_query");
        assertThat(exchange("GET", "/api/v1/recordings", Map.of(), bob, null).json().path("recordings")).isEmpty();
        Answer shown = exchange("GET", "/api/v1/recordings/{id}", old, admin, null);
        assertThat(shown.json().path("files").path("wav").path("sha256").asText()).isEqualTo(sha);
        assertThat(exchange("GET", "/api/v1/recordings/{id}", old, bob, null).code()).isEqualTo("recording_not_found");

        Answer whole = exchange("GET", "/api/v1/recordings/{id}/audio", old, admin, null);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        Answer part = exchange("GET", "/api/v1/recordings/{id}/audio", old, admin, null, Map.of("Range", "bytes=0-9"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-9/" + wav.length);
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio", old, admin, null, Map.of("Range", "bytes=9999-"))
                .code()).isEqualTo("range_not_satisfiable");
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio", old, admin, null,
                Map.of("If-None-Match", "\"" + sha + "\"")).status()).isEqualTo(304);
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio?format=mp3", old, admin, null).code())
                .isEqualTo("audio_not_available");
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio?format=flac", old, admin, null).code())
                .isEqualTo("invalid_query");
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio", Map.of("id", "c-live-1"), admin, null).code())
                .isEqualTo("recording_not_ready");
        assertThat(exchange("GET", "/api/v1/calls/{id}/recording", Map.of("id", "c-old"), admin, null).status())
                .isEqualTo(200);
        assertThat(exchange("GET", "/api/v1/calls/{id}/recording", Map.of("id", "c-live"), admin, null).code())
                .isEqualTo("recording_not_ready");
        assertThat(exchange("GET", "/api/v1/calls/{id}/recording", Map.of("id", "c-none"), admin, null).code())
                .isEqualTo("recording_not_found");
        Files.delete(recordingsDir.resolve("demo/2026/05/01/c-old-1.wav"));
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio", old, admin, null).code())
                .isEqualTo("audio_not_available");
    }

    @Test
    void musicOnHoldAnswersAsDocumented() {
        String admin = adminToken();
        byte[] wav = "RIFF....WAVEfmt good".getBytes(StandardCharsets.US_ASCII);

        Answer builtIn = exchangeBytes("GET", "/api/v1/music-on-hold", admin, null, Map.of());
        assertThat(builtIn.status()).isEqualTo(200);
        assertThat(builtIn.headers().firstValue("Ramal-Music-Source")).hasValue("default");
        Answer uploaded = exchangeBytes("PUT", "/api/v1/music-on-hold", admin, wav, Map.of("Content-Type", "audio/wav"));
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().path("source").asText()).isEqualTo("tenant");
        assertThat(music.uploads).containsExactly(DemoTenant.ID + ":" + wav.length);
        Answer download = exchangeBytes("GET", "/api/v1/music-on-hold", admin, null, Map.of());
        assertThat(download.headers().firstValue("Ramal-Music-Source")).hasValue("tenant");
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("audio/wav");
        assertThat(exchangeBytes("GET", "/api/v1/music-on-hold", admin, null,
                Map.of("If-None-Match", download.headers().firstValue("ETag").orElseThrow())).status()).isEqualTo(304);
        Answer bad = exchangeBytes("PUT", "/api/v1/music-on-hold", admin, "not audio".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "audio/wav"));
        assertThat(bad.code()).isEqualTo("invalid_audio");
        assertThat(bad.json().path("message").asText()).isEqualTo("not a WAV file");
        Answer large = exchangeBytes("PUT", "/api/v1/music-on-hold", admin, new byte[RecordingTenantMusic.MAX + 1],
                Map.of("Content-Type", "audio/wav"));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.code()).isEqualTo("audio_too_large");
        assertThat(exchangeBytes("PUT", "/api/v1/music-on-hold", accessToken("alice", "demo-alice"), wav,
                Map.of("Content-Type", "audio/wav")).code()).isEqualTo("forbidden");
        Answer reset = exchangeBytes("DELETE", "/api/v1/music-on-hold", admin, null, Map.of());
        assertThat(reset.json().path("source").asText()).isEqualTo("default");
        assertThat(reset.json().path("updated_at").isNull()).isTrue();
    }

    @Test
    void aQueueAnnouncementIsUploadedShownDownloadedAndRemovedAsDocumented() {
        String admin = adminToken();
        String bob = accessToken("bob", "demo-bob");
        byte[] wav = "RIFF....WAVEfmt announcement".getBytes(StandardCharsets.US_ASCII);
        Map<String, String> hold = Map.of("name", "hold");
        assertThat(exchange("POST", "/api/v1/queues", Map.of(), admin, json(Map.of("name", "hold",
                "announce_position_every_s", 30))).status()).isEqualTo(201);
        assertThat(exchange("GET", "/api/v1/queues/{name}", hold, admin, null).json().path("announcement").isNull())
                .isTrue();
        assertThat(exchangeBytes("GET", "/api/v1/queues/{name}/announcement", hold, admin, null, Map.of()).code())
                .isEqualTo("announcement_not_found");

        Answer uploaded = exchangeBytes("PUT", "/api/v1/queues/{name}/announcement", hold, admin, wav,
                Map.of("Content-Type", "audio/wav"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().path("sha256").asText()).isEqualTo(RecordingTenantPrompts.sha(wav));
        assertThat(uploaded.json().path("duration_ms").asLong()).isEqualTo(3000);
        JsonNode shown = exchange("GET", "/api/v1/queues/{name}", hold, bob, null).json().path("announcement");
        assertThat(shown.path("sha256").asText()).isEqualTo(RecordingTenantPrompts.sha(wav));
        assertThat(exchange("GET", "/api/v1/queues", Map.of(), bob, null).json().path("queues").findValues("announcement"))
                .anyMatch(a -> a.path("sha256").asText().equals(RecordingTenantPrompts.sha(wav)));
        Answer download = exchangeBytes("GET", "/api/v1/queues/{name}/announcement", hold, admin, null, Map.of());
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("audio/wav");
        assertThat(exchangeBytes("GET", "/api/v1/queues/{name}/announcement", hold, admin, null,
                Map.of("If-None-Match", download.headers().firstValue("ETag").orElseThrow())).status()).isEqualTo(304);
        assertThat(exchangeBytes("PUT", "/api/v1/queues/{name}/announcement", hold, admin,
                "not audio".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "audio/wav")).code())
                .isEqualTo("invalid_audio");
        Answer large = exchangeBytes("PUT", "/api/v1/queues/{name}/announcement", hold, admin,
                new byte[RecordingTenantPrompts.MAX + 1], Map.of("Content-Type", "audio/wav"));
        assertThat(large.status()).isEqualTo(413);
        assertThat(exchangeBytes("PUT", "/api/v1/queues/{name}/announcement", hold, bob, wav,
                Map.of("Content-Type", "audio/wav")).code()).isEqualTo("forbidden");
        assertThat(exchangeBytes("PUT", "/api/v1/queues/{name}/announcement", Map.of("name", "nosuch"), admin, wav,
                Map.of("Content-Type", "audio/wav")).code()).isEqualTo("queue_not_found");

        Answer removed = exchangeBytes("DELETE", "/api/v1/queues/{name}/announcement", hold, admin, null, Map.of());
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().path("announcement").isNull()).isTrue();
        String gone = DemoTenant.ID + ":" + RecordingTenantPrompts.sha(wav);
        assertThat(prompts.forgotten).as("no menu uses it either: its audio goes").contains(gone);
        prompts.forgotten.remove(gone);
        assertThat(exchange("DELETE", "/api/v1/queues/{name}", hold, admin, null).status()).isEqualTo(204);
    }

    @Test
    void voiceMenusAndTheirPromptsAnswerAsDocumented() {
        String admin = adminToken();
        String alice = accessToken("alice", "demo-alice");
        byte[] wav = "RIFF....WAVEfmt prompt".getBytes(StandardCharsets.US_ASCII);
        Map<String, String> main = Map.of("name", "main");

        Answer created = exchange("POST", "/api/v1/ivrs", Map.of(), admin, json(Map.of("name", "main",
                "options", Map.of("1", "extension:1001", "9", "ivr:main", "0", "number:+551130001000"),
                "timeout_s", 4, "default_target", "extension:1002")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("options").path("1").asText()).isEqualTo("extension:1001");
        assertThat(created.json().path("prompt").isNull()).isTrue();
        assertThat(exchange("POST", "/api/v1/ivrs", Map.of(), admin, json(Map.of("name", "main"))).code())
                .isEqualTo("ivr_exists");
        assertThat(exchange("POST", "/api/v1/ivrs", Map.of(), admin, json(Map.of("name", "other",
                "options", Map.of("1", "queue:nosuch")))).code()).isEqualTo("unknown_queue");
        assertThat(exchange("POST", "/api/v1/ivrs", Map.of(), admin, json(Map.of("name", "other",
                "default_target", "ivr:nosuch"))).code()).isEqualTo("unknown_ivr");
        assertThat(exchange("POST", "/api/v1/ivrs", Map.of(), admin, json(Map.of("name", "other",
                "options", Map.of("x", "extension:1001")))).code()).isEqualTo("invalid_request");
        assertThat(exchange("POST", "/api/v1/ivrs", Map.of(), alice, json(Map.of("name", "other"))).code())
                .isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/ivrs", Map.of(), alice, null).json().path("ivrs")).hasSize(1);
        Answer changed = exchange("PATCH", "/api/v1/ivrs/{name}", main, admin,
                json(Map.of("max_retries", 0, "options", Map.of("2", "extension:1002"))));
        assertThat(changed.json().path("options").size()).isEqualTo(1);
        assertThat(changed.json().path("default_target").asText()).isEqualTo("extension:1002");

        assertThat(exchangeBytes("GET", "/api/v1/ivrs/{name}/prompt", main, admin, null, Map.of()).code())
                .isEqualTo("prompt_not_found");
        Answer uploaded = exchangeBytes("PUT", "/api/v1/ivrs/{name}/prompt", main, admin, wav,
                Map.of("Content-Type", "audio/wav"));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().path("sha256").asText()).isEqualTo(RecordingTenantPrompts.sha(wav));
        Answer download = exchangeBytes("GET", "/api/v1/ivrs/{name}/prompt", main, admin, null, Map.of());
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("audio/wav");
        assertThat(exchangeBytes("GET", "/api/v1/ivrs/{name}/prompt", main, admin, null,
                Map.of("If-None-Match", download.headers().firstValue("ETag").orElseThrow())).status()).isEqualTo(304);
        assertThat(exchange("GET", "/api/v1/ivrs/{name}", main, admin, null).json().path("prompt").path("sha256")
                .asText()).isEqualTo(RecordingTenantPrompts.sha(wav));
        assertThat(exchangeBytes("PUT", "/api/v1/ivrs/{name}/prompt", main, admin,
                "not audio".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "audio/wav")).code())
                .isEqualTo("invalid_audio");
        Answer large = exchangeBytes("PUT", "/api/v1/ivrs/{name}/prompt", main, admin,
                new byte[RecordingTenantPrompts.MAX + 1], Map.of("Content-Type", "audio/wav"));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.code()).isEqualTo("audio_too_large");
        assertThat(exchangeBytes("PUT", "/api/v1/ivrs/{name}/prompt", Map.of("name", "nosuch"), admin, wav,
                Map.of("Content-Type", "audio/wav")).code()).isEqualTo("ivr_not_found");

        assertThat(exchange("PUT", "/api/v1/dids/{number}", Map.of("number", "5550200"), admin,
                json(Map.of("ivr", "main"))).json().path("ivr").asText()).isEqualTo("main");
        assertThat(exchange("PUT", "/api/v1/dids/{number}", Map.of("number", "5550201"), admin,
                json(Map.of("ivr", "nosuch"))).code()).isEqualTo("unknown_ivr");
        assertThat(exchange("DELETE", "/api/v1/ivrs/{name}", main, admin, null).code()).isEqualTo("ivr_in_use");
        exchange("DELETE", "/api/v1/dids/{number}", Map.of("number", "5550200"), admin, null);
        Answer withoutPrompt = exchangeBytes("DELETE", "/api/v1/ivrs/{name}/prompt", main, admin, null, Map.of());
        assertThat(withoutPrompt.json().path("prompt").isNull()).isTrue();
        assertThat(prompts.forgotten).containsExactly(DemoTenant.ID + ":" + RecordingTenantPrompts.sha(wav));
        assertThat(exchange("DELETE", "/api/v1/ivrs/{name}", main, admin, null).status()).isEqualTo(204);
        assertThat(exchange("GET", "/api/v1/ivrs/{name}", main, admin, null).code()).isEqualTo("ivr_not_found");
    }

    @Test
    void theCrmLookupAdminAnswersAsDocumented() {
        String admin = adminToken();
        String base = "/api/v1/screen-pop/lookup";
        assertThat(exchange("GET", base, Map.of(), admin, null).code()).isEqualTo("lookup_not_found");
        assertThat(exchange("PUT", base, Map.of(), admin, json(Map.of("url", "http://10.0.0.7/crm?p=%CALLER_ID%")))
                .code()).isEqualTo("url_not_allowed");
        assertThat(exchange("PUT", base, Map.of(), admin, json(Map.of("url", "crm"))).code())
                .isEqualTo("invalid_lookup");
        assertThat(exchange("PUT", base, Map.of(), admin, "[1]").code()).isEqualTo("invalid_request");
        Answer saved = exchange("PUT", base, Map.of(), admin, json(Map.of("url",
                "http://192.0.2.44/crm?p=%CALLER_ID%", "headers", Map.of("X-Api-Key", "k"), "timeout_ms", 150)));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(exchange("GET", base, Map.of(), admin, null).json().path("timeout_ms").asInt()).isEqualTo(150);
        assertThat(exchange("POST", base + "/test", Map.of(), admin, "{}").code()).isEqualTo("invalid_lookup");
        Answer tried = exchange("POST", base + "/test", Map.of(), admin, json(Map.of("caller_number", "+5511")));
        assertThat(tried.status()).isEqualTo(200);
        assertThat(tried.json().path("lookup").path("status").asText()).isIn("timeout", "failed");
        assertThat(exchange("GET", base, Map.of(), accessToken("alice", "demo-alice"), null).code())
                .isEqualTo("forbidden");
        assertThat(exchange("DELETE", base, Map.of(), admin, null).status()).isEqualTo(204);
        assertThat(exchange("DELETE", base, Map.of(), admin, null).code()).isEqualTo("lookup_not_found");
    }

    @Test
    void signedRecordingLinksAnswerAsDocumented() throws Exception {
        Recordings index = new Recordings(database.dataSource());
        byte[] wav = "RIFF-signed-link-audio".getBytes(StandardCharsets.US_ASCII);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(wav));
        Files.createDirectories(recordingsDir.resolve("demo/2026/04/02"));
        Files.write(recordingsDir.resolve("demo/2026/04/02/c-link-1.wav"), wav);
        Instant at = Instant.parse("2026-04-02T10:00:00Z");
        index.insert(Recording.started("c-link-1", "demo", "c-link", 1, Optional.of("1001"), Optional.of("1004"), at,
                "demo/2026/04/02/c-link-1.wav"));
        index.stopped("demo", "c-link-1", at.plusSeconds(1), 0, "api");
        index.wavReady("demo", "c-link-1", 250, new RecordingFile("demo/2026/04/02/c-link-1.wav", wav.length, sha),
                Optional.empty(), false);
        Map<String, String> id = Map.of("id", "c-link-1");
        String admin = adminToken();

        Answer link = exchange("POST", "/api/v1/recordings/{id}/link", id, admin, json(Map.of("expires_in_seconds", 60)));
        assertThat(link.status()).isEqualTo(200);
        String url = link.json().path("url").asText();
        String query = url.substring(url.indexOf('?'));
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio" + query, id, null, null).status()).isEqualTo(200);
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio" + query.replace("signature=", "signature=0"), id,
                null, null).code()).isEqualTo("link_invalid");
        assertThat(exchange("POST", "/api/v1/recordings/{id}/link", id, admin, json(Map.of("format", "mp3"))).code())
                .isEqualTo("audio_not_available");
        assertThat(exchange("POST", "/api/v1/recordings/{id}/link", id, admin,
                json(Map.of("expires_in_seconds", 0))).code()).isEqualTo("invalid_link");
        assertThat(exchange("POST", "/api/v1/recordings/{id}/link", id, accessToken("bob", "demo-bob"), null).code())
                .isEqualTo("recording_not_found");
        String expired = links.link("demo", "c-link-1", "wav", Instant.now().minusSeconds(1)).toString();
        assertThat(exchange("GET", "/api/v1/recordings/{id}/audio" + expired.substring(expired.indexOf('?')), id, null,
                null).code()).isEqualTo("link_expired");
    }

    @Test
    void errorsOfCallersWithoutTheRightCredentialAnswerAsDocumented() {
        Answer noToken = exchange("GET", "/api/v1/me", Map.of(), null, null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.code()).isEqualTo("unauthorized");
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ramal\"");

        Answer badToken = exchange("GET", "/api/v1/users", Map.of(), "not-a-jwt", null);
        assertThat(badToken.code()).isEqualTo("invalid_token");
        assertThat(badToken.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");

        String alice = accessToken("alice", "demo-alice");
        assertThat(exchange("GET", "/api/v1/users", Map.of(), alice, null).code()).isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/webhooks", Map.of(), alice, null).code()).isEqualTo("forbidden");
        assertThat(exchange("GET", "/api/v1/webhooks", Map.of(), null, null).code()).isEqualTo("unauthorized");
        assertThat(exchange("GET", "/api/v1/webhooks", Map.of(), "not-a-jwt", null).code())
                .isEqualTo("invalid_token");

        String key = exchange("POST", "/api/v1/api-keys", Map.of(), adminToken(),
                json(Map.of("scopes", List.of("events:read")))).json().path("key").asText();
        assertThat(exchange("GET", "/api/v1/auth/mfa", Map.of(), key, null).code()).isEqualTo("forbidden");
    }

    @Test
    void theDocumentIsServedAsDocumentedAndRevalidatedWithItsEtag() throws Exception {
        Answer served = exchange("GET", OpenApiDocument.PATH, Map.of(), null, null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json()).isEqualTo(document.root);
        String etag = served.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(uri(OpenApiDocument.PATH))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        Answer notModified = conform("GET", OpenApiDocument.PATH,
                new Answer(again.statusCode(), again.headers(), again.body()));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    // ---- plumbing ----

    /** An answer of the API under test. */
    record Answer(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String code() {
            return json().path("code").asText();
        }
    }

    /**
     * Sends a request to {@code template} (a documented path, with {@code {name}} filled from
     * {@code parameters}; a query may follow) and checks the answer against the document.
     */
    private Answer exchange(String method, String template, Map<String, String> parameters, String bearer,
            String jsonBody) {
        return exchange(method, template, parameters, bearer, jsonBody, Map.of());
    }

    private Answer exchange(String method, String template, Map<String, String> parameters, String bearer,
            String jsonBody, Map<String, String> headers) {
        String documented = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
        String path = template;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}",
                    URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(WAIT);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        return conform(method, documented, send(request));
    }

    /** A request with a raw body (or none) to a documented path, checked against the document. */
    private Answer exchangeBytes(String method, String path, String bearer, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(WAIT);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return conform(method, path, send(request));
    }

    /** A request with a raw body to a documented path with parameters, checked against the document. */
    private Answer exchangeBytes(String method, String template, Map<String, String> parameters, String bearer,
            byte[] body, Map<String, String> headers) {
        String path = template;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}",
                    URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(WAIT);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return conform(method, template, send(request));
    }

    /** Menus' prompts as the test keeps them: files starting with RIFF are audio, named by their SHA-256. */
    static final class RecordingTenantPrompts implements io.ramal.api.ivr.TenantPrompts {
        static final int MAX = 4096;
        final List<String> forgotten = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<String, io.ramal.api.ivr.StoredPrompt> stored = new java.util.concurrent.ConcurrentHashMap<>();

        static String sha(byte[] bytes) {
            return sha256Hex(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public long maxUploadBytes() {
            return MAX;
        }

        @Override
        public io.ramal.api.ivr.PromptUpload store(String tenantId, byte[] wav) {
            if (wav.length < 4 || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
                return new io.ramal.api.ivr.PromptUpload.Refused(false, "not a WAV file");
            }
            io.ramal.api.ivr.StoredPrompt prompt = new io.ramal.api.ivr.StoredPrompt(sha(wav), wav, Duration.ofSeconds(3));
            stored.put(tenantId + ":" + prompt.sha256(), prompt);
            return new io.ramal.api.ivr.PromptUpload.Stored(prompt, "PCM 16-bit 8000 Hz mono");
        }

        @Override
        public Optional<io.ramal.api.ivr.StoredPrompt> find(String tenantId, String reference) {
            return Optional.ofNullable(stored.get(tenantId + ":" + reference));
        }

        @Override
        public void forget(String tenantId, String reference) {
            forgotten.add(tenantId + ":" + reference);
            stored.remove(tenantId + ":" + reference);
        }
    }

    /** Tenants' music on hold as the test plays it: files starting with RIFF are music, and kept in memory. */
    static final class RecordingTenantMusic implements TenantMusic {
        static final int MAX = 4096;
        final List<String> uploads = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Map<String, HoldMusic> stored = new java.util.concurrent.ConcurrentHashMap<>();
        private final HoldMusic builtIn = new HoldMusic(HoldMusic.Source.DEFAULT, new byte[] {'R', 'I', 'F', 'F'},
                "b".repeat(64), Duration.ofSeconds(45), Optional.empty());

        @Override
        public long maxUploadBytes() {
            return MAX;
        }

        @Override
        public MusicUpload upload(String tenantId, byte[] wav) {
            if (wav.length < 4 || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
                return new MusicUpload.Refused(false, "not a WAV file");
            }
            uploads.add(tenantId + ":" + wav.length);
            HoldMusic music = new HoldMusic(HoldMusic.Source.TENANT, wav, "a".repeat(64), Duration.ofSeconds(2),
                    Optional.of(Instant.parse("2026-05-01T12:00:00Z")));
            stored.put(tenantId, music);
            return new MusicUpload.Stored(music, "PCM 16-bit 44100 Hz stereo");
        }

        @Override
        public HoldMusic current(String tenantId) {
            return stored.getOrDefault(tenantId, builtIn);
        }

        @Override
        public boolean useDefault(String tenantId) {
            return stored.remove(tenantId) != null;
        }
    }

    private Answer exchangeForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return conform("POST", path, send(HttpRequest.newBuilder(uri(path)).timeout(WAIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))));
    }

    /** Asserts that the answer is one the document promises for this operation; returns it. */
    private Answer conform(String method, String path, Answer answer) {
        String operation = method + " " + path;
        JsonNode response = document.responses(method, path).get(answer.status());
        assertThat(response).as("%s answered %d, which is not documented: %s", operation, answer.status(),
                answer.body()).isNotNull();
        response.path("headers").fieldNames().forEachRemaining(header ->
                assertThat(answer.headers().firstValue(header))
                        .as("%s %d must send the documented header %s", operation, answer.status(), header)
                        .isPresent());
        JsonNode content = response.path("content");
        if (content.isMissingNode()) {
            assertThat(answer.body()).as("%s %d has no documented body", operation, answer.status()).isEmpty();
            return answer;
        }
        String contentType = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!content.has("application/json")) {
            List<String> documented = new ArrayList<>();
            content.fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as("%s %d content type %s", operation, answer.status(), contentType)
                    .anyMatch(contentType::startsWith);
            return answer;
        }
        assertThat(contentType).as("%s %d content type", operation, answer.status()).startsWith("application/json");
        JsonNode schema = content.path("application/json").path("schema");
        assertThat(document.schemas.problems(schema, answer.json()))
                .as("%s %d body %s", operation, answer.status(), answer.body()).isEmpty();
        return answer;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private String adminToken() {
        return accessToken("admin", "demo-admin");
    }

    private String accessToken(String username, String password) {
        Answer login = exchange("POST", "/api/v1/auth/token", Map.of(), null,
                json(Map.of("grant_type", "password", "username", username, "password", password)));
        assertThat(login.status()).as("login of %s", username).isEqualTo(200);
        return login.json().path("access_token").asText();
    }

    private static String next(BlockingQueue<String> received) throws InterruptedException {
        String message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a message from the event socket").isNotNull();
        return message;
    }

    private static Set<String> pathParameters(String path) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
