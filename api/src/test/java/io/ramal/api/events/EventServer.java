package io.ramal.api.events;

import io.javalin.Javalin;
import io.ramal.store.Database;
import io.ramal.store.DatabaseConfig;
import io.ramal.store.EventLog;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real Javalin server on 127.0.0.1 and a free port with the event socket wired as the server
 * will wire it, over a store of its own (or one handed over, to play a restart).
 */
final class EventServer implements AutoCloseable {

    final FakeBearerVerifier verifier;
    final Database database;
    final EventLog log;
    final Fanout fanout = new Fanout();
    final EventJournal journal;
    final EventSocket socket;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private final Javalin app;

    EventServer(DatabaseConfig store, EventSocketConfig config, FakeBearerVerifier verifier) {
        this.verifier = verifier;
        this.database = Database.open(store);
        this.log = new EventLog(database.dataSource(), InstantSource.system());
        this.journal = new EventJournal(log, fanout);
        this.socket = new EventSocket(config, verifier, journal, new HeadSnapshots(journal), scheduler,
                InstantSource.system());
        this.app = Javalin.create(javalin -> {
            javalin.jetty.host = "127.0.0.1";
            javalin.jetty.port = 0;
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.concurrency.useVirtualThreads = true;
            socket.addTo(javalin.routes);
        }).start();
    }

    /** A new tenant in the store. */
    String tenant() {
        String id = "t-" + UUID.randomUUID();
        new Tenants(database.dataSource()).save(new Tenant(id, "Tenant " + id, Instant.now()));
        return id;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + app.port() + EventSocket.PATH);
    }

    URI uri(String token) {
        return URI.create(uri() + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Connects with the token as bearer header and reads the greeting. */
    RecordingSocket connect(String token) {
        return RecordingSocket.connect(client, uri(), "Authorization", "Bearer " + token).greeted(true);
    }

    RecordingSocket connectBare() {
        return RecordingSocket.connect(client, uri());
    }

    RecordingSocket connectWithoutReading(String token) {
        return RecordingSocket.connectWithoutReading(client, uri(), "Authorization", "Bearer " + token);
    }

    JournalEvent append(String tenant, String type, String callId, String device) {
        return journal.append(tenant, type, Optional.of(callId), Optional.of(device), Map.of("caller", "1001"));
    }

    /** Appends {@code count} events (call.delivered on call c-i at device 1002) one at a time. */
    void appendMany(String tenant, int count) {
        for (int i = 0; i < count; i++) {
            append(tenant, "call.delivered", "c-" + i, "1002");
        }
    }

    static Map<String, Object> subscribe(long resumeFrom) {
        return Map.of("op", "subscribe", "resume_from", resumeFrom);
    }

    static Map<String, Object> subscribeFresh() {
        return Map.of("op", "subscribe");
    }

    static Map<String, Object> subscribe(long resumeFrom, Map<String, List<String>> filters) {
        return Map.of("op", "subscribe", "resume_from", resumeFrom, "filters", filters);
    }

    @Override
    public void close() {
        socket.close();
        app.stop();
        fanout.close();
        scheduler.shutdownNow();
        client.close();
        database.close();
    }
}
