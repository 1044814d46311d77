package io.ramal.api.webhooks;

import static io.ramal.api.webhooks.WebhookHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.store.WebhookAllowLists;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookDeliveryState;
import io.ramal.store.testing.Backend;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebhookHarness harness = new WebhookHarness(Backend.SQLITE, WebhookHarness.fastConfig(1_000));
    private final RecordingReceiver receiver = RecordingReceiver.start();
    private final WebhookDispatcher dispatcher = harness.startDispatcher();
    private final String tenant = harness.tenant();

    WebhookDeliveryTest() {
        harness.startApi(dispatcher::wake);
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
    }

    /** The events of an inbound call from +34911234567 via queue Ventas, answered at 1001 and hung up after 42 s. */
    static List<Map.Entry<String, Map<String, Object>>> inboundAnsweredCall(String callId) {
        return List.of(
                event("call.delivered", call(callId, "1001", "inbound", "+34911234567", "1001", Map.of())),
                event("call.established", call(callId, "1001", "inbound", "+34911234567", "1001", Map.of())),
                event("connection.cleared", call(callId, "1001", "inbound", "+34911234567", "1001",
                        Map.of("duration", 42, "cause", "normal"))));
    }

    static Map<String, Object> call(String callId, String device, String direction, String caller, String callee,
            Map<String, Object> extra) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("call_id", callId);
        fields.put("device", device);
        fields.put("direction", direction);
        fields.put("caller", Map.of("number", caller));
        fields.put("callee", Map.of("number", callee));
        fields.put("queue", "Ventas");
        fields.putAll(extra);
        return fields;
    }

    private JsonNode subscribe(String json) {
        WebhookHarness.Answer created = harness.call("POST", "/api/v1/webhooks", tenant, "ADMIN", json);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return created.json();
    }

    private List<Map.Entry<String, Map<String, Object>>> manyEvents(int calls) {
        List<Map.Entry<String, Map<String, Object>>> events = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            events.addAll(inboundAnsweredCall("c-" + i));
        }
        return events;
    }

    @Test
    void deliversASequenceOfEventsSignedAndInSeqOrder() {
        JsonNode webhook = subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}");
        String secret = webhook.get("secret").asText();

        List<WebhookEvent> events = harness.append(tenant, manyEvents(5));

        await().atMost(WAIT).until(() -> receiver.accepted().size() == events.size());
        List<RecordingReceiver.Received> got = receiver.received();
        assertThat(got).extracting(RecordingReceiver.Received::seq)
                .containsExactlyElementsOf(events.stream().map(WebhookEvent::seq).toList());
        assertThat(got).extracting(RecordingReceiver.Received::deliveryId).doesNotHaveDuplicates();
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < got.size(); i++) {
            RecordingReceiver.Received request = got.get(i);
            assertThat(WebhookSignature.verify(secret, request.header("Ramal-Signature"), request.body(), now, 300))
                    .as("signature of seq %d", request.seq()).isTrue();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            Map<String, Object> body = WebhookJson.readObject(request.bodyText());
            assertThat(body).containsEntry("id", events.get(i).id()).containsEntry("type", events.get(i).type())
                    .containsEntry("tenant", tenant).containsEntry("call_id", events.get(i).fields().get("call_id"));
            assertThat(((Number) body.get("seq")).longValue()).isEqualTo(events.get(i).seq());
            assertThat(request.header("Ramal-Event-Id")).isEqualTo(events.get(i).id());
        }
        assertThat(WebhookSignature.verify("whsec_wrong", got.getFirst().header("Ramal-Signature"),
                got.getFirst().body(), now, 300)).isFalse();
    }

    @Test
    void everythingArrivesInOrderAfterTheReceiverRecoversWithDuplicatesOnlyUnderOneDeliveryId() throws Exception {
        subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}");
        AtomicBoolean healthy = new AtomicBoolean(false);
        receiver.respondWith(request -> healthy.get() ? 200 : 500);

        List<WebhookEvent> events = harness.append(tenant, manyEvents(3));
        await().atMost(WAIT).until(() -> receiver.received().size() >= 5);
        int port = receiver.port();
        receiver.close(); // now the port is closed: connection refused
        Thread.sleep(300); // let a few attempts hit the closed port (not an assertion)
        events = new ArrayList<>(events);
        events.addAll(harness.append(tenant, manyEvents(1)));
        try (RecordingReceiver back = RecordingReceiver.start(port)) {
            List<WebhookEvent> all = events;
            await().atMost(WAIT).until(() -> back.accepted().size() == all.size());

            List<RecordingReceiver.Received> everything = new ArrayList<>(receiver.received());
            everything.addAll(back.received());
            assertThat(back.accepted()).extracting(RecordingReceiver.Received::seq)
                    .containsExactlyElementsOf(all.stream().map(WebhookEvent::seq).toList());
            Map<Long, List<String>> idsBySeq = everything.stream().collect(Collectors.groupingBy(
                    RecordingReceiver.Received::seq,
                    Collectors.mapping(RecordingReceiver.Received::deliveryId, Collectors.toList())));
            assertThat(idsBySeq.values()).allSatisfy(ids -> assertThat(ids.stream().distinct()).hasSize(1));
            assertThat(receiver.received()).extracting(RecordingReceiver.Received::seq)
                    .as("while failing, only the first event was tried").containsOnly(all.getFirst().seq());
            WebhookDelivery first = harness.webhooks.outbox().find(tenant, idsBySeq.get(all.getFirst().seq()).getFirst())
                    .orElseThrow();
            assertThat(first.attempts()).isGreaterThan(5);
            assertThat(harness.webhooks.outbox().attempts(tenant, first.id()))
                    .anySatisfy(a -> assertThat(a.statusCode()).contains(500))
                    .anySatisfy(a -> assertThat(a.error().orElse("")).contains("refused"))
                    .last().satisfies(a -> assertThat(a.statusCode()).contains(200));
        }
    }

    @Test
    void meetipUrlTemplateReceivesTheVariablesOfAnAnsweredInboundCall() {
        String url = receiver.url("/CRM/forms/general/DbFind.aspx") + "?pi=%CALLER_ID%&tiempo=%DURACION%"
                + "&modo=ColgadoEntrante&estado=%ESTADO%&sentido=%SENTIDO%&cola=%QUEUE_NAME%&id=%ID%&ext=%EXTENSION%";
        JsonNode webhook = subscribe("{\"method\":\"GET\",\"url\":\"" + url + "\",\"events\":["
                + "{\"trigger\":\"ringing\",\"direction\":\"inbound\"},"
                + "{\"trigger\":\"off_hook\",\"direction\":\"inbound\"},"
                + "{\"trigger\":\"hung_up\",\"direction\":\"inbound\"}]}");
        List<Map.Entry<String, Map<String, Object>>> events = new ArrayList<>(inboundAnsweredCall("call-7"));
        events.add(event("call.delivered", call("call-8", "1001", "outbound", "1001", "+34600111222", Map.of())));
        events.add(event("connection.cleared", call("call-8", "1001", "outbound", "1001", "+34600111222",
                Map.of("duration", 3))));

        harness.append(tenant, events);

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
        List<Map<String, String>> queries = receiver.received().stream()
                .map(r -> query(r.uri().getRawQuery())).toList();
        assertThat(queries).extracting(q -> q.get("estado")).containsExactly("timbre", "descolgado", "colgado");
        assertThat(queries).extracting(q -> q.get("tiempo")).containsExactly("0", "0", "42");
        assertThat(queries).allSatisfy(q -> assertThat(q)
                .containsEntry("pi", "+34911234567")
                .containsEntry("sentido", "entrante")
                .containsEntry("cola", "Ventas")
                .containsEntry("id", "call-7")
                .containsEntry("ext", "1001")
                .containsEntry("modo", "ColgadoEntrante"));
        RecordingReceiver.Received last = receiver.received().getLast();
        assertThat(last.method()).isEqualTo("GET");
        assertThat(WebhookSignature.verify(webhook.get("secret").asText(), last.header("Ramal-Signature"),
                ("http://127.0.0.1:" + receiver.port() + last.uri().toString()).getBytes(StandardCharsets.UTF_8),
                Instant.now().getEpochSecond(), 300)).as("a GET signs its URL").isTrue();
    }

    @Test
    void aDeadLetterStopsHoldingTheQueueAndIsDeliveredWhenReplayed() {
        try (WebhookHarness strict = new WebhookHarness(Backend.SQLITE, WebhookHarness.fastConfig(3))) {
            WebhookDispatcher strictDispatcher = strict.startDispatcher();
            strict.startApi(strictDispatcher::wake);
            String owner = strict.tenant();
            JsonNode webhook = strict.call("POST", "/api/v1/webhooks", owner, "ADMIN",
                    "{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}").json();
            String id = webhook.get("id").asText();
            AtomicBoolean fixed = new AtomicBoolean(false);
            List<WebhookEvent> events = strict.append(owner, inboundAnsweredCall("c-dead"));
            long poisoned = events.getFirst().seq();
            receiver.respondWith(request -> request.seq() == poisoned && !fixed.get() ? 500 : 200);

            await().atMost(WAIT).until(() -> receiver.accepted().size() == 2);
            assertThat(receiver.receivedAt("/hook").stream().filter(r -> r.seq() == poisoned)).hasSize(3);
            JsonNode dead = strict.call("GET", "/api/v1/webhooks/dead-letters", owner, "ADMIN", null).json()
                    .get("dead_letters");
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).get("seq").asLong()).isEqualTo(poisoned);
            assertThat(dead.get(0).get("attempts").asInt()).isEqualTo(3);
            assertThat(dead.get(0).get("last_error").asText()).contains("HTTP 500");
            String deadId = dead.get(0).get("id").asText();

            fixed.set(true);
            WebhookHarness.Answer replay = strict.call("POST", "/api/v1/webhooks/" + id + "/replay", owner, "ADMIN",
                    "{\"delivery_id\":\"" + deadId + "\"}");

            assertThat(replay.status()).isEqualTo(202);
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
            RecordingReceiver.Received replayed = receiver.accepted().getLast();
            assertThat(replayed.seq()).isEqualTo(poisoned);
            assertThat(replayed.header("Ramal-Replay-Of")).isEqualTo(deadId);
            assertThat(replayed.deliveryId()).isEqualTo(replay.json().get("replays").get(0).get("id").asText());

            WebhookHarness.Answer range = strict.call("POST", "/api/v1/webhooks/" + id + "/replay", owner, "ADMIN",
                    "{\"from_seq\":" + poisoned + ",\"to_seq\":" + events.getLast().seq() + "}");
            assertThat(range.json().get("replays")).hasSize(3);
            await().atMost(WAIT).until(() -> receiver.accepted().size() == 6);
            assertThat(receiver.accepted().subList(3, 6)).extracting(RecordingReceiver.Received::seq)
                    .containsExactlyElementsOf(events.stream().map(WebhookEvent::seq).toList());
        }
    }

    @Test
    void aFailingSubscriptionDoesNotHoldBackAnother() {
        subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/broken") + "\"}");
        JsonNode healthy = subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/fine") + "\"}");
        receiver.respondWith(request -> request.uri().getPath().equals("/broken") ? 503 : 200);

        List<WebhookEvent> events = harness.append(tenant, manyEvents(3));

        await().atMost(WAIT).until(() -> receiver.accepted().size() == events.size());
        assertThat(receiver.accepted()).extracting(RecordingReceiver.Received::seq)
                .containsExactlyElementsOf(events.stream().map(WebhookEvent::seq).toList());
        assertThat(receiver.receivedAt("/broken")).extracting(RecordingReceiver.Received::seq)
                .containsOnly(events.getFirst().seq());
        assertThat(harness.call("GET", "/api/v1/webhooks/" + healthy.get("id").asText(), tenant, "ADMIN", null)
                .json().get("pending_deliveries").asLong()).isZero();
    }

    @Test
    void twoDispatchersOnOneDatabaseDeliverEachEventOnceAndInOrder() {
        subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/one") + "\"}");
        subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/two") + "\"}");
        harness.startDispatcher(new Webhooks(harness.scratch.open().dataSource(), InstantSource.system(),
                WebhookHarness.fastConfig(1_000)));

        List<WebhookEvent> events = harness.append(tenant, manyEvents(5));

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 2 * events.size());
        List<Long> expected = events.stream().map(WebhookEvent::seq).toList();
        assertThat(receiver.receivedAt("/one")).extracting(RecordingReceiver.Received::seq).containsExactlyElementsOf(expected);
        assertThat(receiver.receivedAt("/two")).extracting(RecordingReceiver.Received::seq).containsExactlyElementsOf(expected);
    }

    @Test
    void refusesAtDeliveryTimeWhenTheAddressIsNoLongerAllowed() {
        JsonNode webhook = subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}");
        new WebhookAllowLists(harness.database.dataSource()).replace(tenant, List.of());

        harness.append(tenant, inboundAnsweredCall("c-1").subList(0, 1));

        String id = webhook.get("id").asText();
        await().atMost(WAIT).until(() -> harness.call("GET", "/api/v1/webhooks/" + id + "/deliveries", tenant,
                "ADMIN", null).json().get("deliveries").get(0).get("attempts").asInt() >= 2);
        JsonNode delivery = harness.call("GET", "/api/v1/webhooks/" + id + "/deliveries", tenant, "ADMIN", null)
                .json().get("deliveries").get(0);
        assertThat(delivery.get("state").asText()).isEqualTo("pending");
        assertThat(delivery.get("last_error").asText()).startsWith("url_not_allowed").contains("127.0.0.1");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void goneSwitchesTheSubscriptionOffAndItsDeliveriesWaitUntilItIsBackOn() {
        JsonNode webhook = subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}");
        String id = webhook.get("id").asText();
        receiver.respondWith(request -> 410);

        List<WebhookEvent> events = harness.append(tenant, inboundAnsweredCall("c-1"));

        await().atMost(WAIT).until(() -> !harness.call("GET", "/api/v1/webhooks/" + id, tenant, "ADMIN", null)
                .json().get("enabled").asBoolean());
        JsonNode off = harness.call("GET", "/api/v1/webhooks/" + id, tenant, "ADMIN", null).json();
        assertThat(off.get("disabled_reason").asText()).contains("410");
        assertThat(off.get("pending_deliveries").asInt()).isEqualTo(3);
        assertThat(receiver.received()).hasSize(1);

        receiver.respondWith(request -> 200);
        assertThat(harness.call("PATCH", "/api/v1/webhooks/" + id, tenant, "ADMIN", "{\"enabled\":true}").status())
                .isEqualTo(200);

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
        assertThat(receiver.accepted()).extracting(RecordingReceiver.Received::seq)
                .containsExactlyElementsOf(events.stream().map(WebhookEvent::seq).toList());
    }

    @Test
    void sendsFormBodiesFromTemplatesWithCustomHeaders() {
        subscribe("{\"events\":[{\"trigger\":\"hung_up\"}],\"url\":\"" + receiver.url("/form") + "\","
                + "\"body_format\":\"form\",\"body\":\"numero=%CALLER_ID%&segundos=%DURACION%&evento={{type}}\","
                + "\"headers\":{\"X-Api-Key\":\"k-123\"}}");

        harness.append(tenant, inboundAnsweredCall("c-1"));

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        RecordingReceiver.Received request = receiver.received().getFirst();
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("X-Api-Key")).isEqualTo("k-123");
        assertThat(request.bodyText()).isEqualTo("numero=%2B34911234567&segundos=42&evento=connection.cleared");
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverDelivered() throws Exception {
        subscribe("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/hook") + "\"}");
        try (Connection connection = harness.database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<WebhookDelivery> added = harness.webhooks.enqueue(connection, new WebhookEvent(tenant, 900,
                    "ev-rolled-back", Instant.now(), "call.delivered", Map.of("call_id", "x")));
            assertThat(added).hasSize(1);
            connection.rollback();
            connection.setAutoCommit(true);
        }
        List<WebhookEvent> kept = harness.append(tenant, inboundAnsweredCall("c-1").subList(0, 1));

        await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.received()).extracting(RecordingReceiver.Received::seq).containsExactly(kept.getFirst().seq());
        assertThat(harness.webhooks.outbox().list(tenant, receiver.received().getFirst().header("Ramal-Delivery-Id"),
                Optional.of(WebhookDeliveryState.PENDING), Optional.empty(), 10)).isEmpty();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
