package io.ramal.api.webhooks;

import static io.ramal.api.webhooks.WebhookHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.store.WebhookAllowLists;
import io.ramal.store.testing.Backend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookAdminTest {

    private static WebhookHarness harness;
    private static RecordingReceiver receiver;
    private static final String BASE = "/api/v1/webhooks";

    @BeforeAll
    static void start() {
        harness = new WebhookHarness(Backend.SQLITE, WebhookHarness.fastConfig(1_000, 2));
        WebhookDispatcher dispatcher = harness.startDispatcher();
        harness.startApi(dispatcher::wake);
        receiver = RecordingReceiver.start();
    }

    @AfterAll
    static void stop() {
        harness.close();
        receiver.close();
    }

    private final String tenant = harness.tenant();

    private WebhookHarness.Answer admin(String method, String path, String body) {
        return harness.call(method, path, tenant, "ADMIN", body);
    }

    private String hook(String path) {
        return "{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url(path) + "\"}";
    }

    @Test
    void createsListsShowsUpdatesAndDeletesAWebhookShowingTheSecretOnlyOnce() {
        WebhookHarness.Answer created = admin("POST", BASE, "{\"description\":\"CRM\",\"events\":[{\"trigger\":\"hung_up\","
                + "\"direction\":\"inbound\",\"device\":\"1001\"}],\"url\":\"" + receiver.url("/a?n=%CALLER_ID%")
                + "\",\"method\":\"get\",\"headers\":{\"X-Token\":\"t1\"}}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode webhook = created.json();
        String id = webhook.get("id").asText();
        assertThat(webhook.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(webhook.get("method").asText()).isEqualTo("GET");
        assertThat(webhook.get("events").get(0).get("trigger").asText()).isEqualTo("hung_up");
        assertThat(webhook.get("enabled").asBoolean()).isTrue();

        JsonNode shown = admin("GET", BASE + "/" + id, null).json();
        assertThat(shown.has("secret")).isFalse();
        assertThat(shown.get("headers").get("X-Token").asText()).isEqualTo("t1");
        assertThat(admin("GET", BASE, null).json().get("webhooks")).extracting(w -> w.get("id").asText())
                .containsExactly(id);

        JsonNode changed = admin("PATCH", BASE + "/" + id, "{\"method\":\"POST\",\"body\":\"{\\\"n\\\":\\\"%CALLER_ID%\\\"}\","
                + "\"enabled\":false}").json();
        assertThat(changed.get("method").asText()).isEqualTo("POST");
        assertThat(changed.get("body").asText()).isEqualTo("{\"n\":\"%CALLER_ID%\"}");
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(changed.get("description").asText()).as("untouched fields stay").isEqualTo("CRM");

        assertThat(admin("DELETE", BASE + "/" + id, null).status()).isEqualTo(204);
        assertThat(admin("GET", BASE + "/" + id, null).status()).isEqualTo(404);
        assertThat(admin("DELETE", BASE + "/" + id, null).code()).isEqualTo("webhook_not_found");
    }

    @Test
    void rotatingTheSecretShowsTheNewOneOnceAndSignsWithIt() {
        JsonNode created = admin("POST", BASE, hook("/rotate")).json();
        String id = created.get("id").asText();

        String rotated = admin("POST", BASE + "/" + id + "/rotate-secret", null).json().get("secret").asText();

        assertThat(rotated).startsWith("whsec_").isNotEqualTo(created.get("secret").asText());
        harness.append(tenant, List.of(event("call.delivered", Map.of("call_id", "c1"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.receivedAt("/rotate").isEmpty());
        RecordingReceiver.Received request = receiver.receivedAt("/rotate").getFirst();
        assertThat(WebhookSignature.verify(rotated, request.header("Ramal-Signature"), request.body(),
                Instant.now().getEpochSecond(), 300)).isTrue();
    }

    @Test
    void refusesPrivateAddressesWithUrlNotAllowedUnlessTheTenantAllowsThem() {
        new WebhookAllowLists(harness.database.dataSource()).replace(tenant, List.of());

        WebhookHarness.Answer privateRange = admin("POST", BASE,
                "{\"events\":[{\"type\":\"*\"}],\"url\":\"http://10.0.0.5/hook\"}");
        WebhookHarness.Answer loopback = admin("POST", BASE, hook("/x"));

        assertThat(privateRange.status()).isEqualTo(400);
        assertThat(privateRange.code()).isEqualTo("url_not_allowed");
        assertThat(privateRange.json().get("message").asText()).contains("10.0.0.5").contains("private");
        assertThat(loopback.code()).isEqualTo("url_not_allowed");
        assertThat(admin("POST", BASE, "{\"events\":[{\"type\":\"*\"}],\"url\":\"http://[fd00::1]/\"}").code())
                .isEqualTo("url_not_allowed");

        WebhookHarness.Answer allowed = admin("PUT", BASE + "/allow-list", "{\"entries\":[\"127.0.0.1\",\"10.0.0.0/8\"]}");
        assertThat(allowed.json().get("entries")).extracting(JsonNode::asText)
                .containsExactly("10.0.0.0/8", "127.0.0.1/32");
        assertThat(admin("POST", BASE, hook("/x")).status()).isEqualTo(201);
        String id = admin("POST", BASE, "{\"events\":[{\"type\":\"*\"}],\"url\":\"http://10.0.0.5/hook\"}").json()
                .get("id").asText();
        admin("PUT", BASE + "/allow-list", "{\"entries\":[\"127.0.0.1\"]}");
        assertThat(admin("PATCH", BASE + "/" + id, "{\"url\":\"http://192.168.0.10/\"}").code())
                .isEqualTo("url_not_allowed");
        assertThat(admin("PUT", BASE + "/allow-list", "{\"entries\":[\"intranet.local\"]}").code())
                .isEqualTo("invalid_allow_list");
        assertThat(admin("DELETE", BASE + "/" + id, null).status()).isEqualTo(204);
    }

    @Test
    void refusesInvalidWebhooksSayingWhatIsWrong() {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"url\":\"" + receiver.url("/") + "\"}", "events and url are required"),
                Map.entry("{\"events\":[],\"url\":\"" + receiver.url("/") + "\"}", "events must list"),
                Map.entry("{\"events\":[{\"trigger\":\"dialling\"}],\"url\":\"" + receiver.url("/") + "\"}", "ringing"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"ftp://127.0.0.1/\"}", "http://"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"http://%EXTENSION%.example/\"}", "without variables"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"http://u:p@127.0.0.1/\"}", "user info"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/") + "\",\"method\":\"GET\","
                        + "\"body\":\"x\"}", "GET webhook has no body"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/") + "\",\"method\":\"PUT\"}",
                        "GET or POST"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/") + "\",\"body\":\"{\\\"a\\\":\"}",
                        "not a JSON template"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/") + "\",\"headers\":{\"Host\":\"x\"}}",
                        "set by Ramal"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/")
                        + "\",\"headers\":{\"Ramal-Signature\":\"x\"}}", "set by Ramal"),
                Map.entry("{\"events\":[{\"type\":\"*\"}],\"url\":\"" + receiver.url("/") + "\",\"sentido\":\"x\"}",
                        "unknown field 'sentido'"));

        cases.forEach((body, message) -> {
            WebhookHarness.Answer answer = admin("POST", BASE, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.code()).as(body).isEqualTo("invalid_webhook");
            assertThat(answer.json().get("message").asText()).as(body).contains(message);
        });
        assertThat(admin("POST", BASE, "{not json").code()).isEqualTo("invalid_json");
        assertThat(admin("POST", BASE, "[1]").code()).isEqualTo("invalid_json");
        assertThat(admin("GET", BASE, null).json().get("webhooks")).isEmpty();
    }

    @Test
    void tenantsNeverSeeOrTouchEachOthersWebhooks() {
        String id = admin("POST", BASE, hook("/mine")).json().get("id").asText();
        harness.append(tenant, List.of(event("call.delivered", Map.of("call_id", "c1"))));
        String other = harness.tenant();

        assertThat(harness.call("GET", BASE, other, "ADMIN", null).json().get("webhooks")).isEmpty();
        for (String[] call : new String[][] {
                {"GET", BASE + "/" + id, null},
                {"PATCH", BASE + "/" + id, "{\"enabled\":false}"},
                {"DELETE", BASE + "/" + id, null},
                {"POST", BASE + "/" + id + "/rotate-secret", null},
                {"GET", BASE + "/" + id + "/deliveries", null},
                {"POST", BASE + "/" + id + "/replay", "{\"from_seq\":1,\"to_seq\":100}"}}) {
            WebhookHarness.Answer answer = harness.call(call[0], call[1], other, "ADMIN", call[2]);
            assertThat(answer.status()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(answer.code()).isEqualTo("webhook_not_found");
        }
        assertThat(harness.call("GET", BASE + "/dead-letters", other, "ADMIN", null).json().get("dead_letters")).isEmpty();
        assertThat(admin("GET", BASE + "/" + id, null).json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void onlyAdminsAndWebhookScopedApiKeysMayAdminister() {
        assertThat(harness.call("GET", BASE, Map.of(), null).status()).isEqualTo(401);
        assertThat(harness.call("GET", BASE, Map.of(), null).code()).isEqualTo("unauthorized");
        assertThat(harness.call("GET", BASE, tenant, "AGENT", null).status()).isEqualTo(403);
        assertThat(harness.call("GET", BASE, tenant, "SUPERVISOR", null).code()).isEqualTo("forbidden");
        assertThat(harness.call("GET", BASE, Map.of("X-Test-Tenant", tenant, "X-Test-Role", "ADMIN",
                "X-Test-Scopes", "events:read"), null).status()).as("a key's scopes decide, not its owner").isEqualTo(403);
        assertThat(harness.call("GET", BASE, Map.of("X-Test-Tenant", tenant, "X-Test-Scopes", "webhooks:admin"), null)
                .status()).isEqualTo(200);
        assertThat(harness.call("GET", BASE, Map.of("X-Test-Tenant", tenant, "X-Test-Scopes", "events:read admin"), null)
                .status()).isEqualTo(200);
    }

    @Test
    void theDeliveryLogShowsEveryAttemptWithStatusLatencyAndResponse() {
        String id = admin("POST", BASE, hook("/flaky")).json().get("id").asText();
        AtomicInteger calls = new AtomicInteger();
        receiver.respondWith(request -> request.uri().getPath().equals("/flaky") && calls.incrementAndGet() == 1 ? 500 : 200);
        List<WebhookEvent> events = harness.append(tenant, List.of(
                event("call.delivered", Map.of("call_id", "c1")),
                event("call.established", Map.of("call_id", "c1")),
                event("connection.cleared", Map.of("call_id", "c1"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> admin("GET", BASE + "/" + id + "/deliveries?state=pending",
                null).json().get("deliveries").isEmpty());
        JsonNode page = admin("GET", BASE + "/" + id + "/deliveries?limit=2", null).json();
        assertThat(page.get("deliveries")).extracting(d -> d.get("seq").asLong())
                .containsExactly(events.get(2).seq(), events.get(1).seq());
        long before = page.get("next_before_seq").asLong();
        JsonNode rest = admin("GET", BASE + "/" + id + "/deliveries?limit=2&before_seq=" + before, null).json();
        assertThat(rest.get("deliveries")).extracting(d -> d.get("seq").asLong()).containsExactly(events.get(0).seq());
        assertThat(rest.get("next_before_seq").isNull()).isTrue();

        String first = rest.get("deliveries").get(0).get("id").asText();
        JsonNode detail = admin("GET", BASE + "/" + id + "/deliveries/" + first, null).json();
        assertThat(detail.get("state").asText()).isEqualTo("delivered");
        assertThat(detail.get("event").get("type").asText()).isEqualTo("call.delivered");
        JsonNode attempts = detail.get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("retry");
        assertThat(attempts.get(0).get("response").asText()).isEqualTo("status 500");
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(attempts.get(1).get("outcome").asText()).isEqualTo("delivered");
        assertThat(attempts.get(1).get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(admin("GET", BASE + "/" + id + "/deliveries/nope", null).code()).isEqualTo("delivery_not_found");
        assertThat(admin("GET", BASE + "/" + id + "/deliveries?state=lost", null).code()).isEqualTo("invalid_query");
    }

    @Test
    void replayRefusesPendingDeliveriesTooLargeRangesAndUnclearRequests() {
        String id = admin("POST", BASE, hook("/never")).json().get("id").asText();
        // the delivery-time guard now refuses 127.0.0.1: the deliveries stay pending, nothing is sent
        new WebhookAllowLists(harness.database.dataSource()).replace(tenant, List.of());
        List<WebhookEvent> events = harness.append(tenant, List.of(
                event("call.delivered", Map.of("call_id", "c1")),
                event("call.established", Map.of("call_id", "c1")),
                event("connection.cleared", Map.of("call_id", "c1"))));
        String pending = admin("GET", BASE + "/" + id + "/deliveries", null).json().get("deliveries").get(0)
                .get("id").asText();

        assertThat(admin("POST", BASE + "/" + id + "/replay", "{\"delivery_id\":\"" + pending + "\"}").code())
                .isEqualTo("delivery_pending");
        assertThat(admin("POST", BASE + "/" + id + "/replay", "{\"from_seq\":" + events.get(0).seq() + ",\"to_seq\":"
                + events.get(2).seq() + "}").code()).isEqualTo("range_too_large");
        assertThat(admin("POST", BASE + "/" + id + "/replay", "{\"from_seq\":5,\"to_seq\":1}").code())
                .isEqualTo("invalid_replay");
        assertThat(admin("POST", BASE + "/" + id + "/replay", "{}").code()).isEqualTo("invalid_replay");
        assertThat(admin("POST", BASE + "/" + id + "/replay", "{\"delivery_id\":\"nope\"}").code())
                .isEqualTo("delivery_not_found");
        WebhookHarness.Answer none = admin("POST", BASE + "/" + id + "/replay", "{\"from_seq\":" + events.get(0).seq()
                + ",\"to_seq\":" + events.get(1).seq() + "}");
        assertThat(none.status()).isEqualTo(202);
        assertThat(none.json().get("replays")).as("pending deliveries go out anyway").isEmpty();
        assertThat(receiver.receivedAt("/never")).isEmpty();
    }
}
