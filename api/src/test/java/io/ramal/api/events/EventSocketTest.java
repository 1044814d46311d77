package io.ramal.api.events;

import static io.ramal.api.events.EventServer.subscribe;
import static io.ramal.api.events.EventServer.subscribeFresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.api.auth.Principal;
import io.ramal.store.EventRetention;
import io.ramal.store.testing.ScratchDatabase;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event WebSocket against a real server on 127.0.0.1, with java.net.http clients. */
class EventSocketTest {

    private static final int SOCKETS_PER_USER = 3;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static ScratchDatabase scratch;
    private static EventServer server;
    private static FakeBearerVerifier verifier;

    @BeforeAll
    static void startServer() {
        scratch = ScratchDatabase.sqlite();
        verifier = new FakeBearerVerifier();
        EventSocketConfig config = EventSocketConfig.defaults("0.1.0-test")
                .withHeartbeat(Duration.ofMillis(300))
                .withAuthTimeout(Duration.ofMillis(500))
                .withMaxSocketsPerUser(SOCKETS_PER_USER)
                .withQueueCapacity(256)
                .withHistoryPageSize(50);
        server = new EventServer(scratch.config(), config, verifier);
    }

    @AfterAll
    static void stopServer() {
        server.close();
        scratch.close();
    }

    private final String tenant = server.tenant();
    private final Principal alice = FakeBearerVerifier.agent(tenant);
    private final String aliceToken = verifier.grant(alice, Instant.now().plus(Duration.ofHours(1)));

    @Test
    void greetsWithHelloThenConfirmsTheBearerHeader() {
        try (RecordingSocket socket = RecordingSocket.connect(httpClient(), server.uri(),
                "Authorization", "Bearer " + aliceToken)) {
            JsonNode hello = socket.next("hello");
            JsonNode authenticated = socket.next("authenticated");

            assertThat(hello.get("server").asText()).isEqualTo("ramal");
            assertThat(hello.get("version").asText()).isEqualTo("0.1.0-test");
            assertThat(hello.get("heartbeat_ms").asLong()).isEqualTo(300);
            assertThat(hello.get("session").asText()).isNotBlank();
            assertThat(authenticated.get("tenant").asText()).isEqualTo(tenant);
            assertThat(authenticated.get("user").asText()).isEqualTo(alice.username());
            assertThat(Instant.parse(authenticated.get("expires_at").asText())).isAfter(Instant.now());
        }
    }

    @Test
    void authenticatesByTheAccessTokenQueryParameter() {
        try (RecordingSocket socket = RecordingSocket.connect(httpClient(), server.uri(aliceToken))) {
            socket.next("hello");

            assertThat(socket.next("authenticated").get("tenant").asText()).isEqualTo(tenant);
        }
    }

    @Test
    void authenticatesByAFirstAuthMessage() {
        try (RecordingSocket socket = server.connectBare()) {
            socket.next("hello");
            socket.send(Map.of("op", "auth", "token", aliceToken));
            socket.next("authenticated");
            socket.send(subscribe(0));
            socket.next("subscribed");
            server.append(tenant, "call.delivered", "c1", "1002");

            assertThat(socket.seqsThrough(1)).containsExactly(1L);
        }
    }

    @Test
    void closesWithUnauthorizedOnAnInvalidToken() {
        try (RecordingSocket socket = RecordingSocket.connect(httpClient(), server.uri(),
                "Authorization", "Bearer not-a-token")) {
            socket.next("hello");

            assertThat(socket.next("error").get("code").asText()).isEqualTo("invalid_token");
            assertThat(socket.awaitClose().code()).isEqualTo(4001);
        }
    }

    @Test
    void closesWithUnauthorizedWhenNoCredentialArrivesInTime() {
        try (RecordingSocket socket = server.connectBare()) {
            socket.next("hello");

            assertThat(socket.next("error").get("code").asText()).isEqualTo("auth_timeout");
            assertThat(socket.awaitClose().code()).isEqualTo(4001);
        }
    }

    @Test
    void closesWithForbiddenForAnApiKeyWithoutTheEventsScope() {
        String key = verifier.grantForever(FakeBearerVerifier.apiKey(tenant, "calls:write"));
        try (RecordingSocket socket = RecordingSocket.connect(httpClient(), server.uri(key))) {
            socket.next("hello");

            assertThat(socket.next("error").get("code").asText()).isEqualTo("forbidden");
            assertThat(socket.awaitClose().code()).isEqualTo(4003);
        }
    }

    @Test
    void letsAnApiKeyWithTheEventsScopeReadEventsForever() {
        String key = verifier.grantForever(FakeBearerVerifier.apiKey(tenant, "events:read"));
        try (RecordingSocket socket = RecordingSocket.connect(httpClient(), server.uri(key))) {
            socket.next("hello");
            assertThat(socket.next("authenticated").get("expires_at").isNull()).isTrue();
            socket.send(subscribe(0));
            socket.next("subscribed");
            server.append(tenant, "call.delivered", "c1", "1002");

            assertThat(socket.seqsThrough(1)).containsExactly(1L);
        }
    }

    @Test
    void deliversEveryEventWithItsEnvelopeAndConsecutiveSeqValues() {
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(subscribe(0));
            JsonNode subscribed = socket.next("subscribed");
            JournalEvent first = server.journal.append(tenant, "call.delivered", Optional.of("c1"), Optional.of("1002"),
                    Map.of("caller", "1001", "callee", "1002", "direction", "internal"));
            server.append(tenant, "call.established", "c1", "1002");
            server.append(tenant, "connection.cleared", "c1", "1002");

            JsonNode event = socket.next("event");
            List<Long> rest = socket.seqsThrough(3);

            assertThat(subscribed.get("resume_from").asLong()).isZero();
            assertThat(event.get("seq").asLong()).isEqualTo(1);
            assertThat(event.get("id").asText()).isEqualTo(first.id());
            assertThat(Instant.parse(event.get("ts").asText())).isEqualTo(first.ts());
            assertThat(event.get("tenant").asText()).isEqualTo(tenant);
            assertThat(event.get("type").asText()).isEqualTo("call.delivered");
            assertThat(event.get("call_id").asText()).isEqualTo("c1");
            assertThat(event.get("device").asText()).isEqualTo("1002");
            assertThat(event.get("caller").asText()).isEqualTo("1001");
            assertThat(event.get("direction").asText()).isEqualTo("internal");
            assertThat(rest).containsExactly(2L, 3L);
        }
    }

    @Test
    void resumeFromGivesExactlyTheMissedEventsThenLiveOnes() {
        try (RecordingSocket first = server.connect(aliceToken)) {
            first.send(subscribe(0));
            first.next("subscribed");
            server.appendMany(tenant, 3);
            assertThat(first.seqsThrough(3)).containsExactly(1L, 2L, 3L);
        }
        server.appendMany(tenant, 120); // more than two history pages

        try (RecordingSocket second = server.connect(aliceToken)) {
            second.send(subscribe(3));
            second.next("subscribed");
            List<Long> missed = second.seqsThrough(123);
            server.append(tenant, "call.held", "c1", "1002");

            assertThat(missed).containsExactlyElementsOf(LongStream.rangeClosed(4, 123).boxed().toList());
            assertThat(second.seqsThrough(124)).containsExactly(124L);
        }
    }

    @Test
    void joinsHistoryAndLiveEventsWithoutGapOrDuplicateWhileEventsPourIn() throws Exception {
        int total = 1_500;
        AtomicLong appended = new AtomicLong();
        CompletableFuture<Void> appender = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                server.append(tenant, "call.delivered", "c-" + i, "1002");
                appended.incrementAndGet();
            }
        });
        List<RecordingSocket> sockets = new ArrayList<>();
        List<Long> snapshotSeqs = new ArrayList<>();
        try {
            for (long threshold : new long[] {0, 200, 700, 1_100}) {
                await().atMost(Duration.ofSeconds(30)).until(() -> appended.get() >= threshold);
                RecordingSocket resuming = server.connect(newAgentToken());
                resuming.send(subscribe(0));
                sockets.add(resuming);
                RecordingSocket fresh = server.connect(newAgentToken());
                fresh.send(subscribeFresh());
                fresh.next("subscribed");
                snapshotSeqs.add(fresh.next("snapshot").get("seq").asLong());
                sockets.add(fresh);
            }
            appender.get();

            for (int i = 0; i < sockets.size(); i++) {
                RecordingSocket socket = sockets.get(i);
                if (i % 2 == 0) {
                    socket.next("subscribed");
                    assertThat(socket.seqsThrough(total)).as("resuming socket %d", i)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
                } else {
                    long from = snapshotSeqs.get(i / 2);
                    List<Long> live = from == total ? List.of() : socket.seqsThrough(total);
                    assertThat(live).as("fresh socket %d from snapshot %d", i, from)
                            .containsExactlyElementsOf(LongStream.rangeClosed(from + 1, total).boxed().toList());
                }
            }
        } finally {
            sockets.forEach(RecordingSocket::close);
        }
    }

    @Test
    void subscribingWithoutResumeFromStartsWithASnapshotAndItsSeq() {
        server.appendMany(tenant, 4);
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(subscribeFresh());
            assertThat(socket.next("subscribed").get("resume_from").isNull()).isTrue();
            JsonNode snapshot = socket.next("snapshot");
            server.append(tenant, "call.established", "c1", "1002");

            assertThat(snapshot.get("seq").asLong()).isEqualTo(4);
            assertThat(snapshot.get("data").get("events_so_far").asLong()).isEqualTo(4);
            assertThat(socket.seqsThrough(5)).containsExactly(5L);
        }
    }

    @Test
    void resumingFromBeforeRetentionStartsWithASnapshotThenLiveEvents() {
        server.appendMany(tenant, 10);
        server.log.prune(tenant, EventRetention.ofMaxEvents(3));
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(subscribe(2));
            socket.next("subscribed");
            JsonNode snapshot = socket.next("snapshot");
            server.append(tenant, "call.established", "c1", "1002");

            assertThat(snapshot.get("seq").asLong()).isEqualTo(10);
            assertThat(socket.seqsThrough(11)).containsExactly(11L);
        }
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(subscribe(7)); // still retained: no snapshot
            socket.next("subscribed");

            assertThat(socket.seqsThrough(11)).containsExactly(8L, 9L, 10L, 11L);
        }
    }

    @Test
    void resumingFromBeyondTheHeadStartsWithASnapshot() {
        server.appendMany(tenant, 2);
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(subscribe(999));
            socket.next("subscribed");

            assertThat(socket.next("snapshot").get("seq").asLong()).isEqualTo(2);
        }
    }

    @Test
    void filtersByDeviceCallAndType() {
        try (RecordingSocket devices = server.connect(aliceToken);
                RecordingSocket calls = server.connect(aliceToken);
                RecordingSocket types = server.connect(aliceToken)) {
            devices.send(subscribe(0, Map.of("devices", List.of("1002"))));
            calls.send(subscribe(0, Map.of("calls", List.of("c2"))));
            types.send(subscribe(0, Map.of("types", List.of("call.held", "connection.*"))));
            devices.next("subscribed");
            calls.next("subscribed");
            types.next("subscribed");

            server.append(tenant, "call.delivered", "c1", "1002"); // 1
            server.append(tenant, "call.delivered", "c2", "1003"); // 2
            server.append(tenant, "call.held", "c1", "1002"); // 3
            server.append(tenant, "connection.cleared", "c2", "1003"); // 4
            server.append(tenant, "call.established", "c3", "1004"); // 5
            server.append(tenant, "connection.cleared", "c1", "1002"); // 6

            assertThat(devices.seqsThrough(6)).containsExactly(1L, 3L, 6L);
            assertThat(calls.seqsThrough(4)).containsExactly(2L, 4L);
            assertThat(types.seqsThrough(6)).containsExactly(3L, 4L, 6L);
        }
    }

    @Test
    void neverShowsATenantAnotherTenantsEvents() {
        String other = server.tenant();
        String bobToken = verifier.grant(FakeBearerVerifier.agent(other), Instant.now().plus(Duration.ofHours(1)));
        server.appendMany(tenant, 3);
        try (RecordingSocket bob = server.connect(bobToken); RecordingSocket alices = server.connect(aliceToken)) {
            bob.send(subscribe(0));
            alices.send(subscribe(0));
            bob.next("subscribed");
            alices.next("subscribed");
            server.append(tenant, "call.held", "c1", "1002");
            server.append(other, "call.delivered", "b1", "2001");

            JsonNode bobs = bob.next("event");
            assertThat(alices.seqsThrough(4)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(bobs.get("tenant").asText()).isEqualTo(other);
            assertThat(bobs.get("seq").asLong()).isEqualTo(1);
            assertThat(bobs.get("call_id").asText()).isEqualTo("b1");
            assertThat(bob.drainEvents()).isEmpty();
        }
    }

    @Test
    void limitsHowManySocketsOneUserHolds() {
        List<RecordingSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < SOCKETS_PER_USER; i++) {
                open.add(server.connect(aliceToken));
            }
            try (RecordingSocket extra = RecordingSocket.connect(httpClient(), server.uri(aliceToken))) {
                extra.next("hello");
                assertThat(extra.next("error").get("code").asText()).isEqualTo("too_many_sockets");
                assertThat(extra.awaitClose().code()).isEqualTo(4009);
            }
            String otherUser = verifier.grant(FakeBearerVerifier.agent(tenant), Instant.now().plusSeconds(3_600));
            try (RecordingSocket someoneElse = server.connect(otherUser)) {
                assertThat(someoneElse.isClosed()).isFalse();
            }

            open.removeFirst().close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (RecordingSocket again = RecordingSocket.connect(httpClient(), server.uri(aliceToken))) {
                    again.next("hello");
                    assertThat(again.next().path("op").asText()).isEqualTo("authenticated");
                }
            });
        } finally {
            open.forEach(RecordingSocket::close);
        }
    }

    @Test
    void closesASocketWhoseTokenExpiresUnlessItIsRenewed() {
        String shortToken = verifier.grantFor(alice, 1_000);
        String longToken = verifier.grant(alice, Instant.now().plus(Duration.ofHours(1)));
        try (RecordingSocket renewed = server.connect(shortToken); RecordingSocket lapsing = server.connect(shortToken)) {
            renewed.send(Map.of("op", "auth", "token", longToken));
            JsonNode renewal = renewed.next("authenticated");

            RecordingSocket.Closed closed = lapsing.awaitClose();
            renewed.send(Map.of("op", "ping"));

            assertThat(Instant.parse(renewal.get("expires_at").asText())).isAfter(Instant.now().plusSeconds(3_000));
            assertThat(closed.code()).isEqualTo(4002);
            assertThat(renewed.next("pong")).isNotNull();
            assertThat(renewed.isClosed()).isFalse();
        }
    }

    @Test
    void refusesARenewalForAnotherUserButKeepsTheSocket() {
        String stranger = verifier.grant(FakeBearerVerifier.agent(tenant), Instant.now().plusSeconds(3_600));
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(Map.of("op", "auth", "token", stranger));
            assertThat(socket.next("error").get("code").asText()).isEqualTo("principal_mismatch");
            socket.send(Map.of("op", "auth", "token", "nonsense"));
            assertThat(socket.next("error").get("code").asText()).isEqualTo("invalid_token");
            socket.send(Map.of("op", "ping"));

            assertThat(socket.next("pong")).isNotNull();
        }
    }

    @Test
    void answersMalformedMessagesWithAnErrorAndKeepsServing() {
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send("{not json");
            assertThat(socket.next("error").get("code").asText()).isEqualTo("bad_json");
            socket.send("[1,2]");
            assertThat(socket.next("error").get("code").asText()).isEqualTo("bad_message");
            socket.send(Map.of("op", "dance"));
            assertThat(socket.next("error").get("code").asText()).isEqualTo("unknown_op");
            socket.send(Map.of("op", "subscribe", "resume_from", "yesterday"));
            assertThat(socket.next("error").get("code").asText()).isEqualTo("bad_subscribe");
            socket.send(Map.of("op", "subscribe", "filters", Map.of("rooms", List.of("x"))));
            assertThat(socket.next("error").get("code").asText()).isEqualTo("bad_subscribe");

            socket.send(subscribe(0));
            socket.next("subscribed");
            server.append(tenant, "call.delivered", "c1", "1002");
            assertThat(socket.seqsThrough(1)).containsExactly(1L);
            socket.send(subscribe(0));
            assertThat(socket.next("error").get("code").asText()).isEqualTo("already_subscribed");
        }
    }

    @Test
    void refusesToSubscribeBeforeAuthentication() {
        try (RecordingSocket socket = server.connectBare()) {
            socket.next("hello");
            socket.send(subscribe(0));

            assertThat(socket.next("error").get("code").asText()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void closesAfterTooManyBadMessages() {
        try (RecordingSocket socket = server.connect(aliceToken)) {
            for (int i = 0; i < 10; i++) {
                socket.send("nope");
            }

            assertThat(socket.awaitClose().code()).isEqualTo(4400);
        }
    }

    @Test
    void closesOnABinaryFrame() {
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.sendBinary();

            assertThat(socket.awaitClose().code()).isEqualTo(4400);
        }
    }

    @Test
    void sendsHeartbeatsAndAnswersPings() {
        try (RecordingSocket socket = server.connect(aliceToken)) {
            socket.send(Map.of("op", "ping"));

            assertThat(socket.next("pong")).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.pings() >= 2);
        }
    }

    @Test
    void disconnectsASlowConsumerThatThenResumesWithoutLosingAnEvent() {
        String payload = "x".repeat(4_000);
        try (RecordingSocket slow = server.connectWithoutReading(aliceToken)) {
            slow.next("hello"); // the one message it asked for
            slow.send(subscribe(0));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.fanout.subscribers(tenant) == 1);

            int appended = 0;
            while (server.fanout.subscribers(tenant) > 0 && appended < 20_000) {
                List<NewEvent> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    batch.add(new NewEvent("call.delivered", Optional.of("c" + appended), Optional.of("1002"),
                            Map.of("padding", payload)));
                }
                server.journal.appendAll(tenant, batch);
                appended += batch.size();
            }
            assertThat(server.fanout.subscribers(tenant)).as("subscribers after %d events", appended).isZero();

            slow.startReading();
            RecordingSocket.Closed closed = slow.awaitClose();
            List<Long> received = slow.drainEvents().stream().map(event -> event.get("seq").asLong()).toList();

            assertThat(closed.code()).isEqualTo(4008);
            assertThat(received).containsExactlyElementsOf(LongStream.rangeClosed(1, received.size()).boxed().toList());
            assertThat(received.size()).isLessThan(appended);
            try (RecordingSocket resumed = server.connect(aliceToken)) {
                resumed.send(subscribe(received.size()));
                resumed.next("subscribed");
                assertThat(resumed.seqsThrough(appended)).containsExactlyElementsOf(
                        LongStream.rangeClosed(received.size() + 1, appended).boxed().toList());
            }
        }
    }

    /** A token of another user of the test's tenant (each user may hold only a few sockets). */
    private String newAgentToken() {
        return verifier.grant(FakeBearerVerifier.agent(tenant), Instant.now().plus(Duration.ofHours(1)));
    }

    private static HttpClient httpClient() {
        return CLIENT;
    }
}
