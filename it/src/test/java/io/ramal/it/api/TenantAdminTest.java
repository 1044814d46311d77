package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.api.tenants.OperatorKey;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server operator (an operator key from the config, outside every tenant) creates a tenant
 * through the API: its admin configures an extension and a trunk, a SIPp phone registers in its
 * domain and its trunk registers at a SIPp carrier. Disabling the tenant stops all of that at once
 * (the domain is no longer served, the trunk unregisters, the admin's token is refused); enabling
 * it brings it back. Tenant users never reach the tenants routes.
 */
class TenantAdminTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String OPERATOR_KEY = "K7n2-operator-key-of-the-it-test-9f3b1c0d5e";
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(OPERATOR_KEY.getBytes(StandardCharsets.UTF_8)));
    server = TestServer.startWithOperators(List.of(new OperatorKey("ops", hash)), List.of());
    api = new ApiClient(server.httpPort());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private Answer operator(String method, String path, Object body) {
    return api.call(method, path, Optional.of(OPERATOR_KEY), body);
  }

  private boolean registers(String user, String password) {
    return SippPeers.registration(server.sipAddress(), new SipAccount(user, password)).domain("globex.test")
        .run(WAIT).succeeded();
  }

  @Test
  void aTenantCreatedByAnOperatorServesItsDomainAndTrunkUntilDisabled() {
    Answer created = operator("POST", "/api/v1/tenants",
        Map.of("id", "globex", "name", "Globex", "domains", List.of("globex.test")));
    assertThat(created.status()).isEqualTo(201);
    JsonNode initial = created.json().path("initial_admin");
    String globexAdmin = api.accessToken(initial.path("username").asText(), initial.path("password").asText());
    assertThat(api.call("POST", "/api/v1/extensions", Optional.of(globexAdmin),
        Map.of("number", "2001", "password", "globex-phone-pw")).status()).isEqualTo(201);
    assertThat(registers("2001", "globex-phone-pw")).as("the new tenant's domain is served at once").isTrue();

    int carrierPort = FreePorts.udpAndTcp();
    try (Sipp carrier = Sipp.builder(SippScenario.resource("peer/carrier.xml").with("USER", "globex")
        .with("PASSWORD", "globex-carrier-pw").with("NEW_PASSWORD", "unused-second-pw"))
        .localPort(carrierPort).calls(1000).start()) {
      carrier.awaitListening(WAIT);
      assertThat(api.call("POST", "/api/v1/trunks", Optional.of(globexAdmin), Map.of("name", "carrier",
          "host", "127.0.0.1", "port", carrierPort, "username", "globex", "password", "globex-carrier-pw",
          "register", true)).status()).isEqualTo(201);
      carrier.awaitActionLog("registered with the first password", WAIT);

      Answer disabled = operator("PATCH", "/api/v1/tenants/globex", Map.of("disabled", true));
      assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
      carrier.awaitActionLog("unregistered with the first password", WAIT);
      assertThat(registers("2001", "globex-phone-pw")).as("a disabled tenant's domain is not served").isFalse();
      assertThat(api.get("/api/v1/trunks", globexAdmin).code()).isEqualTo("tenant_disabled");
      assertThat(api.call("POST", "/api/v1/auth/token", Optional.empty(), Map.of("grant_type", "password",
          "username", initial.path("username").asText(), "password", initial.path("password").asText())).code())
          .isEqualTo("invalid_grant");

      operator("PATCH", "/api/v1/tenants/globex", Map.of("disabled", false));
      await("the trunk registers again").atMost(WAIT).until(() -> carrier.actionLog().lines()
          .filter(line -> line.strip().equals("registered with the first password")).count() == 2);
      assertThat(registers("2001", "globex-phone-pw")).as("enabled again").isTrue();
      assertThat(api.get("/api/v1/trunks", globexAdmin).status()).isEqualTo(200);
    }
  }

  @Test
  void tenantUsersNeverReachTheTenantsAndOperatorKeysNothingElse() {
    operator("POST", "/api/v1/tenants", Map.of("id", "globex", "domains", List.of("globex.test")));
    String demoAdmin = api.accessToken("admin", "demo-admin");

    assertThat(api.get("/api/v1/tenants", demoAdmin).code()).isEqualTo("forbidden");
    assertThat(api.get("/api/v1/tenants/globex", demoAdmin).code()).isEqualTo("forbidden");
    assertThat(api.call("PATCH", "/api/v1/tenants/globex", Optional.of(demoAdmin), Map.of("disabled", true)).code())
        .isEqualTo("forbidden");
    assertThat(api.get("/api/v1/extensions", OPERATOR_KEY).code()).as("an operator is in no tenant")
        .isEqualTo("invalid_token");
    assertThat(api.get("/api/v1/tenants", "a-wrong-key").code()).isEqualTo("invalid_token");

    JsonNode tenants = operator("GET", "/api/v1/tenants", null).json().path("tenants");
    assertThat(tenants).extracting(t -> t.path("id").asText()).containsExactly("demo", "globex");
    assertThat(operator("POST", "/api/v1/tenants", Map.of("id", "initech", "domains", List.of("globex.test")))
        .code()).isEqualTo("domain_taken");
    assertThat(operator("POST", "/api/v1/tenants", Map.of("id", "initech")).code()).isEqualTo("invalid_request");
  }

  @Test
  void wrongOperatorKeysAreThrottledPerAddress() {
    Answer last = null;
    for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
      last = api.call("GET", "/api/v1/tenants", Optional.of("guess-" + i), null);
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.code()).isEqualTo("too_many_requests");
    assertThat(operator("GET", "/api/v1/tenants", null).code()).as("even the right key waits").isEqualTo(
        "too_many_requests");
  }
}
