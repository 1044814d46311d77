package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two tenants on one running server: everything tenant "demo" owns (users, API keys, webhooks,
 * events of its calls) is invisible to tenant "acme", whose admin signs in with the initial
 * password the server wrote for it. Another tenant's resource answers 404, as if it did not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private TestServer server;
  private ApiClient api;
  private String demoAdmin;
  private String acmeAdmin;

  @BeforeAll
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), List.of(acme));
    api = new ApiClient(server.httpPort());
    demoAdmin = api.accessToken("admin", "demo-admin");
    acmeAdmin = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }

  @Test
  void theInitialAdminOfANewTenantSignsInToItsOwnTenantOnly() {
    Answer me = api.get("/api/v1/me", acmeAdmin);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("tenant").asText()).isEqualTo("acme");
    Answer wrongTenantsPassword = api.call("POST", "/api/v1/auth/token", Optional.empty(),
        Map.of("grant_type", "password", "username", "admin@acme", "password", "demo-admin"));
    assertThat(wrongTenantsPassword.status()).isEqualTo(400);
    assertThat(wrongTenantsPassword.code()).isEqualTo("invalid_grant");
  }

  @Test
  void usersOfOneTenantAreInvisibleToAnother() {
    Answer created = as(demoAdmin, "POST", "/api/v1/users",
        Map.of("username", "dave", "password", "dave-secret-1", "roles", List.of("agent")));
    assertThat(created.status()).isEqualTo(201);
    String dave = created.json().path("id").asText();

    Answer acmeList = api.get("/api/v1/users", acmeAdmin);
    assertThat(acmeList.status()).isEqualTo(200);
    assertThat(acmeList.json().toString()).doesNotContain(dave).doesNotContain("alice").doesNotContain("dave");
    assertThat(api.get("/api/v1/users/" + dave, acmeAdmin).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "PATCH", "/api/v1/users/" + dave, Map.of("disabled", true)).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "DELETE", "/api/v1/users/" + dave, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/users/" + dave, demoAdmin).json().path("disabled").asBoolean()).isFalse();
  }

  @Test
  void apiKeysOfOneTenantAreInvisibleAndUselessToAnother() {
    Answer created = as(demoAdmin, "POST", "/api/v1/api-keys", Map.of("name", "crm", "scopes", List.of("events:read")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    String key = created.json().path("key").asText();

    assertThat(api.get("/api/v1/api-keys", acmeAdmin).json().toString()).doesNotContain(id);
    assertThat(api.get("/api/v1/api-keys/" + id, acmeAdmin).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "DELETE", "/api/v1/api-keys/" + id, null).status()).isEqualTo(404);
    // the key itself reads its own tenant only
    assertThat(api.get("/api/v1/me", key).json().path("tenant").asText()).isEqualTo("demo");
    assertThat(api.get("/api/v1/users", key).status()).as("events:read does not list users").isEqualTo(403);
  }

  @Test
  void webhooksOfOneTenantAreInvisibleToAnother() {
    assertThat(as(demoAdmin, "PUT", "/api/v1/webhooks/allow-list", Map.of("entries", List.of("127.0.0.1/32")))
        .status()).isEqualTo(200);
    Answer created = as(demoAdmin, "POST", "/api/v1/webhooks",
        Map.of("url", "http://127.0.0.1:9/hook", "events", List.of(Map.of("type", "call.*"))));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String id = created.json().path("id").asText();

    assertThat(api.get("/api/v1/webhooks", acmeAdmin).json().toString()).doesNotContain(id);
    assertThat(api.get("/api/v1/webhooks/allow-list", acmeAdmin).json().path("entries")).isEmpty();
    for (String path : List.of("", "/deliveries")) {
      assertThat(api.get("/api/v1/webhooks/" + id + path, acmeAdmin).status()).isEqualTo(404);
    }
    assertThat(as(acmeAdmin, "PATCH", "/api/v1/webhooks/" + id, Map.of("enabled", false)).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "POST", "/api/v1/webhooks/" + id + "/rotate-secret", null).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "POST", "/api/v1/webhooks/" + id + "/replay", Map.of("from_seq", 1, "to_seq", 2)).status())
        .isEqualTo(404);
    assertThat(as(acmeAdmin, "DELETE", "/api/v1/webhooks/" + id, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/webhooks/" + id, demoAdmin).json().path("enabled").asBoolean()).isTrue();
  }

  @Test
  void extensionsDidsDevicesAndCallHistoryOfOneTenantAreInvisibleToAnother() {
    assertThat(as(demoAdmin, "POST", "/api/v1/extensions", Map.of("number", "1070", "password", "demo-extension-secret"))
        .status()).isEqualTo(201);
    assertThat(as(demoAdmin, "PUT", "/api/v1/dids/5550170", Map.of("extension", "1070")).status()).isEqualTo(201);

    assertThat(api.get("/api/v1/extensions", acmeAdmin).json().toString()).contains("2001").doesNotContain("1070");
    assertThat(api.get("/api/v1/extensions/1070", acmeAdmin).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "PATCH", "/api/v1/extensions/1070", Map.of("password", "hijacked-secret")).status())
        .isEqualTo(404);
    assertThat(as(acmeAdmin, "DELETE", "/api/v1/extensions/1070", null).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "PUT", "/api/v1/dids/5550170", Map.of("extension", "1070")).code())
        .as("a DID cannot point at another tenant's extension").isEqualTo("unknown_extension");
    assertThat(api.get("/api/v1/dids/5550170", acmeAdmin).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/devices", acmeAdmin).json().toString()).doesNotContain("1070").doesNotContain("1001");
    assertThat(api.get("/api/v1/devices/1001", acmeAdmin).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/cdrs", acmeAdmin).json().path("cdrs")).isEmpty();
    assertThat(api.get("/api/v1/extensions/1070", demoAdmin).status()).isEqualTo(200);
  }

  @Test
  void voiceMenusAndTheirPromptsOfOneTenantAreInvisibleToAnother() {
    assertThat(as(demoAdmin, "POST", "/api/v1/ivrs", Map.of("name", "front", "options", Map.of("1", "extension:1001")))
        .status()).isEqualTo(201);
    byte[] prompt = io.ramal.it.harness.Tone.sine(900, Duration.ofSeconds(2), 8000, 0.5).toBytes();
    assertThat(api.send("PUT", "/api/v1/ivrs/front/prompt", demoAdmin, prompt, "audio/wav").status()).isEqualTo(200);

    assertThat(api.get("/api/v1/ivrs", acmeAdmin).json().path("ivrs")).isEmpty();
    assertThat(api.get("/api/v1/ivrs/front", acmeAdmin).code()).isEqualTo("ivr_not_found");
    assertThat(as(acmeAdmin, "PATCH", "/api/v1/ivrs/front", Map.of("timeout_s", 9)).code()).isEqualTo("ivr_not_found");
    assertThat(as(acmeAdmin, "DELETE", "/api/v1/ivrs/front", null).code()).isEqualTo("ivr_not_found");
    assertThat(api.send("PUT", "/api/v1/ivrs/front/prompt", acmeAdmin, prompt, "audio/wav").code())
        .isEqualTo("ivr_not_found");
    assertThat(api.download("/api/v1/ivrs/front/prompt", acmeAdmin, Map.of()).status()).isEqualTo(404);
    assertThat(as(acmeAdmin, "PUT", "/api/v1/dids/5550171", Map.of("ivr", "front")).code())
        .as("a DID cannot lead to another tenant's menu").isEqualTo("unknown_ivr");
    assertThat(as(acmeAdmin, "POST", "/api/v1/ivrs", Map.of("name", "front", "default_target", "extension:1001"))
        .code()).as("nor a menu to another tenant's extension").isEqualTo("unknown_extension");
    assertThat(api.download("/api/v1/ivrs/front/prompt", demoAdmin, Map.of()).status()).isEqualTo(200);
  }

  @Test
  void theEventsOfOneTenantsCallsNeverReachAnotherTenantsSocket() {
    try (EventStreamClient demo = EventStreamClient.connect(server.httpPort(), demoAdmin);
        EventStreamClient acme = EventStreamClient.connect(server.httpPort(), acmeAdmin)) {
      for (EventStreamClient client : List.of(demo, acme)) {
        client.next("authenticated", WAIT);
        client.send("{\"op\":\"subscribe\",\"resume_from\":0}");
        client.next("subscribed", WAIT);
      }
      try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
          CalleeBehavior.answer()).start()) {
        callee.awaitRegistered(Duration.ofSeconds(30));
        SippPeers.caller(server.sipAddress(), new SipAccount("1001", "demo1001"), "1002")
            .callDuration(Duration.ofMillis(200)).run(Duration.ofSeconds(30)).requireSuccess();
        callee.awaitExit(Duration.ofSeconds(30)).requireSuccess();
      }
      JsonNode cleared = demo.next(e -> e.path("type").asText().equals("connection.cleared"), WAIT);
      assertThat(cleared.path("tenant").asText()).isEqualTo("demo");
      // acme's socket is as live as demo's (a ping round trip proves it is read), yet carries no event
      acme.send("{\"op\":\"ping\"}");
      acme.next("pong", WAIT);
      assertThat(acme.drain()).noneMatch(frame -> frame.path("op").asText().equals("event"));
    }
  }
}
