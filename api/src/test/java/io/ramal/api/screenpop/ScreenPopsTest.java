package io.ramal.api.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.ramal.api.auth.Role;
import io.ramal.store.ScreenPopClaims;
import io.ramal.store.ScreenPopState;
import io.ramal.store.User;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The screen pop engine on a real store and event journal: what an agent's sockets and webhooks
 * see (the tenant's event stream), with a real CRM on 127.0.0.1.
 */
class ScreenPopsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(400);

    private PopHarness harness;
    private HttpServer crm;
    private final BlockingQueue<URI> asked = new LinkedBlockingQueue<>();
    private final AtomicInteger crmDelayMs = new AtomicInteger();
    private volatile int crmStatus = 200;

    @BeforeEach
    void start() throws IOException {
        harness = new PopHarness().start();
        harness.startApi();
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI());
            try {
                Thread.sleep(crmDelayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"id\":\"c-42\",\"name\":\"ACME Customer\",\"phone\":\""
                    + exchange.getRequestURI().getQuery() + "\"}").getBytes(StandardCharsets.UTF_8);
            try {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(crmStatus, crmStatus == 200 ? body.length : -1);
                if (crmStatus == 200) {
                    exchange.getResponseBody().write(body);
                }
            } catch (IOException ignored) {
                // the lookup gave up waiting
            }
            exchange.close();
        });
        crm.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        crm.start();
    }

    @AfterEach
    void stop() {
        crm.stop(0);
        harness.close();
    }

    @Test
    void anAgentGetsOnePopPerCallHoweverOftenTheCallRingsThere() throws Exception {
        String tenant = harness.tenant(false);
        User alice = harness.user(tenant, "alice", "1001");
        PopHarness.Recorder stream = harness.record(tenant);

        long delivered = harness.ring(tenant, "call-1", "1001", false, "+34911234567", "ACME").seq();
        harness.ring(tenant, "call-1", "1001", false, "+34911234567", "ACME"); // forked contacts, or rung again
        harness.ring(tenant, "call-1", "+34911234567", true, "+34911234567", "ACME"); // an external number rings: no agent

        JsonNode pop = stream.next("screen_pop", WAIT);
        assertThat(pop.path("call_id").asText()).isEqualTo("call-1");
        assertThat(pop.path("device").asText()).isEqualTo("1001");
        assertThat(pop.path("user").path("id").asText()).isEqualTo(alice.id());
        assertThat(pop.path("user").path("username").asText()).isEqualTo("alice");
        assertThat(pop.path("caller_number").asText()).isEqualTo("+34911234567");
        assertThat(pop.path("caller_name").asText()).isEqualTo("ACME");
        assertThat(pop.path("direction").asText()).isEqualTo("inbound");
        assertThat(pop.path("callee_number").asText()).isEqualTo("+551130001000");
        assertThat(pop.path("queue").isNull()).isTrue();
        assertThat(pop.path("campaign").isNull()).isTrue();
        assertThat(pop.path("contact").isNull()).isTrue();
        assertThat(pop.path("lookup").isNull()).as("no lookup configured").isTrue();
        assertThat(pop.path("delivered_seq").asLong()).isEqualTo(delivered);
        assertThat(pop.path("seq").asLong()).isGreaterThan(delivered);
        assertThat(stream.all("screen_pop", QUIET)).as("no second pop").isEmpty();

        harness.ring(tenant, "call-2", "1001", false, "+34911234567", "ACME");
        assertThat(stream.next("screen_pop", WAIT).path("call_id").asText()).as("the next call pops again")
                .isEqualTo("call-2");
    }

    @Test
    void everyUserOfTheExtensionGetsAPopAndAnExtensionWithoutUsersPopsForItself() throws Exception {
        String tenant = harness.tenant(false);
        harness.user(tenant, "alice", "1001");
        harness.user(tenant, "amy", "1001");
        PopHarness.Recorder stream = harness.record(tenant);

        harness.ring(tenant, "call-3", "1001", false, "1005", "Eve");
        harness.ring(tenant, "call-3", "1002", false, "1005", "Eve");

        List<JsonNode> pops = List.of(stream.next("screen_pop", WAIT), stream.next("screen_pop", WAIT),
                stream.next("screen_pop", WAIT));
        assertThat(pops).extracting(p -> p.path("device").asText() + "/" + p.path("user").path("username").asText(""))
                .containsExactlyInAnyOrder("1001/alice", "1001/amy", "1002/");
        assertThat(stream.all("screen_pop", QUIET)).isEmpty();
    }

    @Test
    void theCrmLookupFillsTheContactAndItsAnswerIsReusedForTheNextCall() throws Exception {
        String tenant = harness.tenant(true);
        harness.user(tenant, "alice", "1001");
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/lookup?phone=%CALLER_ID%&agent={{user.username}}";
        PopHarness.Answer put = harness.call("PUT", ScreenPopAdmin.BASE, tenant, Role.ADMIN,
                "{\"url\":\"" + url + "\",\"timeout_ms\":2000}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(200);
        PopHarness.Recorder stream = harness.record(tenant);

        harness.ring(tenant, "call-4", "1001", false, "+34 911", "ACME");
        JsonNode pop = stream.next("screen_pop", WAIT);
        assertThat(asked.poll()).hasToString("/lookup?phone=%2B34%20911&agent=alice");
        assertThat(pop.path("contact").path("name").asText()).isEqualTo("ACME Customer");
        assertThat(pop.path("lookup").path("status").asText()).isEqualTo("found");
        assertThat(pop.path("lookup").path("cached").asBoolean()).isFalse();

        harness.ring(tenant, "call-5", "1001", false, "+34 911", "ACME");
        JsonNode again = stream.next("screen_pop", WAIT);
        assertThat(again.path("contact").path("id").asText()).isEqualTo("c-42");
        assertThat(again.path("lookup").path("cached").asBoolean()).isTrue();
        assertThat(asked).as("the CRM was asked once").isEmpty();
    }

    @Test
    void aCrmThatDoesNotAnswerInTimeOrFailsStillPopsWithoutContact() throws Exception {
        String tenant = harness.tenant(true);
        harness.user(tenant, "alice", "1001");
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/lookup?phone=%CALLER_ID%";
        harness.call("PUT", ScreenPopAdmin.BASE, tenant, Role.ADMIN,
                "{\"url\":\"" + url + "\",\"timeout_ms\":300,\"cache_ttl_ms\":0}");
        PopHarness.Recorder stream = harness.record(tenant);

        crmDelayMs.set(3_000);
        long rang = System.nanoTime();
        harness.ring(tenant, "call-6", "1001", false, "1009", null);
        JsonNode late = stream.next("screen_pop", WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - rang)).isLessThan(Duration.ofMillis(2_500));
        assertThat(late.path("contact").isNull()).isTrue();
        assertThat(late.path("lookup").path("status").asText()).isEqualTo("timeout");
        assertThat(late.path("lookup").path("error").asText()).contains("300 ms");

        crmDelayMs.set(0);
        crmStatus = 500;
        harness.ring(tenant, "call-7", "1001", false, "1009", null);
        JsonNode failed = stream.next("screen_pop", WAIT);
        assertThat(failed.path("lookup").path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("lookup").path("error").asText()).isEqualTo("the CRM answered 500");

        crmStatus = 404;
        harness.ring(tenant, "call-8", "1001", false, "1009", null);
        assertThat(stream.next("screen_pop", WAIT).path("lookup").path("status").asText()).isEqualTo("not_found");
    }

    @Test
    void aLookupTheGuardRefusesAtPopTimeStillPops() throws Exception {
        String tenant = harness.tenant(true);
        harness.user(tenant, "alice", "1001");
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/lookup?phone=%CALLER_ID%";
        assertThat(harness.call("PUT", ScreenPopAdmin.BASE, tenant, Role.ADMIN, "{\"url\":\"" + url + "\"}").status())
                .isEqualTo(200);
        new io.ramal.store.WebhookAllowLists(harness.database.dataSource()).replace(tenant, List.of());
        PopHarness.Recorder stream = harness.record(tenant);

        harness.ring(tenant, "call-9", "1001", false, "1009", null);
        JsonNode pop = stream.next("screen_pop", WAIT);
        assertThat(pop.path("lookup").path("status").asText()).isEqualTo("not_allowed");
        assertThat(pop.path("lookup").path("error").asText()).startsWith("url_not_allowed: ").contains("loopback");
        assertThat(asked).isEmpty();
    }

    @Test
    void aPopClaimedBeforeACrashIsPoppedOnceByTheNextEngine() throws Exception {
        String tenant = harness.tenant(false);
        harness.user(tenant, "alice", "1001");
        PopHarness.Recorder stream = harness.record(tenant);
        ScreenPops crashed = harness.replaceEngine(); // the new engine claims but does not pop
        harness.ring(tenant, "call-10", "1001", false, "1009", null);
        assertThat(new ScreenPopClaims(harness.database.dataSource()).ofCall(tenant, "call-10"))
                .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(ScreenPopState.PENDING));
        assertThat(stream.all("screen_pop", QUIET)).isEmpty();

        crashed.start(harness.journal); // the next start of the server
        assertThat(stream.next("screen_pop", WAIT).path("call_id").asText()).isEqualTo("call-10");
        assertThat(stream.all("screen_pop", QUIET)).isEmpty();
        assertThat(new ScreenPopClaims(harness.database.dataSource()).ofCall(tenant, "call-10"))
                .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(ScreenPopState.POPPED));
    }

    @Test
    void theLookupIsSetOnlyByAdminsAndOnlyToAddressesTheGuardAllows() {
        String tenant = harness.tenant(false);
        String base = ScreenPopAdmin.BASE;
        assertThat(harness.call("GET", base, tenant, Role.ADMIN, null).code()).isEqualTo("lookup_not_found");
        PopHarness.Answer privateUrl = harness.call("PUT", base, tenant, Role.ADMIN,
                "{\"url\":\"http://10.1.2.3/lookup?phone=%CALLER_ID%\"}");
        assertThat(privateUrl.status()).isEqualTo(400);
        assertThat(privateUrl.code()).isEqualTo("url_not_allowed");
        assertThat(privateUrl.json().path("message").asText()).contains("10.1.2.3").contains("private");
        assertThat(harness.call("PUT", base, tenant, Role.ADMIN, "{\"url\":\"ftp://crm.example/x\"}").code())
                .isEqualTo("invalid_lookup");
        assertThat(harness.call("PUT", base, tenant, Role.ADMIN, "{\"url\":\"http://%CALLER_ID%.crm/x\"}").code())
                .isEqualTo("invalid_lookup");
        assertThat(harness.call("PUT", base, tenant, Role.ADMIN,
                "{\"url\":\"http://192.0.2.10/x\",\"timeout_ms\":20000}").json().path("message").asText())
                .contains("timeout_ms");
        assertThat(harness.call("PUT", base, tenant, Role.ADMIN,
                "{\"url\":\"http://192.0.2.10/x\",\"headers\":{\"Host\":\"evil\"}}").code()).isEqualTo("invalid_lookup");
        assertThat(harness.call("PUT", base, tenant, Role.AGENT, "{\"url\":\"http://192.0.2.10/x\"}").status())
                .isEqualTo(403);

        PopHarness.Answer saved = harness.call("PUT", base, tenant, Role.ADMIN,
                "{\"url\":\"http://192.0.2.10/crm?p=%CALLER_ID%\",\"headers\":{\"X-Api-Key\":\"k1\"}}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("timeout_ms").asLong()).isEqualTo(2000);
        assertThat(saved.json().path("cache_ttl_ms").asLong()).isEqualTo(60000);
        assertThat(saved.json().path("enabled").asBoolean()).isTrue();
        PopHarness.Answer shown = harness.call("GET", base, tenant, Role.ADMIN, null);
        assertThat(shown.json().path("url").asText()).isEqualTo("http://192.0.2.10/crm?p=%CALLER_ID%");
        assertThat(shown.json().path("headers").path("X-Api-Key").asText()).isEqualTo("k1");
        assertThat(harness.call("GET", base, harness.tenant(false), Role.ADMIN, null).code())
                .as("another tenant sees none").isEqualTo("lookup_not_found");
        assertThat(harness.call("DELETE", base, tenant, Role.ADMIN, null).status()).isEqualTo(204);
        assertThat(harness.call("DELETE", base, tenant, Role.ADMIN, null).code()).isEqualTo("lookup_not_found");
    }

    @Test
    void anAdminCanTryTheLookupWithANumber() {
        String tenant = harness.tenant(true);
        String url = "http://127.0.0.1:" + crm.getAddress().getPort() + "/lookup?phone=%CALLER_ID%&ext=%EXTENSION%";
        harness.call("PUT", ScreenPopAdmin.BASE, tenant, Role.ADMIN, "{\"url\":\"" + url + "\"}");
        PopHarness.Answer tried = harness.call("POST", ScreenPopAdmin.BASE + "/test", tenant, Role.ADMIN,
                "{\"caller_number\":\"+5511988887777\",\"extension\":\"1001\"}");
        assertThat(tried.status()).as(tried.json().toString()).isEqualTo(200);
        assertThat(tried.json().path("url").asText()).endsWith("/lookup?phone=%2B5511988887777&ext=1001");
        assertThat(tried.json().path("lookup").path("status").asText()).isEqualTo("found");
        assertThat(tried.json().path("contact").path("name").asText()).isEqualTo("ACME Customer");
        harness.call("POST", ScreenPopAdmin.BASE + "/test", tenant, Role.ADMIN, "{\"caller_number\":\"+5511988887777\"}");
        assertThat(asked).as("each try asks the CRM: no cache").hasSize(2);
        assertThat(harness.call("POST", ScreenPopAdmin.BASE + "/test", tenant, Role.ADMIN, "{}").code())
                .isEqualTo("invalid_lookup");
    }
}
