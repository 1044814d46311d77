package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.SippPeers;
import io.ramal.store.CallDirection;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trunk configured through the API against a SIPp carrier that challenges every request with
 * digest: it registers at once, carries a baresip extension's call out with its caller id,
 * registers again when its password changes, and on deletion unregisters (Expires: 0) and carries
 * nothing more. Another tenant never sees it.
 */
class TrunkAdminTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String USER = "acme-trunk";
  private static final String FIRST_PASSWORD = "first-carrier-pw";
  private static final String SECOND_PASSWORD = "second-carrier-pw";
  private static final String EXTERNAL = "+442079460123";
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeEach
  void start() {
    TenantConfig globex = new TenantConfig("globex", "Globex", List.of("globex.test"),
        List.of(new ExtensionConfig("2001", "Globex reception", "globex2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), List.of(globex));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    // The demo's seeded trunk carries every external number: out of the way, so ours is the only route.
    assertThat(call("DELETE", "/api/v1/trunks/local-trunk", null).status()).isEqualTo(204);
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private Answer call(String method, String path, Object body) {
    return api.call(method, path, Optional.of(admin), body);
  }

  private JsonNode registration(String name) {
    return api.get("/api/v1/trunks/" + name, admin).json().path("registration");
  }

  private static Sipp carrier(int port) {
    return Sipp.builder(SippScenario.resource("peer/carrier.xml").with("USER", USER)
            .with("PASSWORD", FIRST_PASSWORD).with("NEW_PASSWORD", SECOND_PASSWORD))
        .localPort(port).calls(1000).start();
  }

  @Test
  void aTrunkMadeThroughTheApiRegistersCarriesCallsReRegistersAndUnregistersWhenDeleted() {
    int carrierPort = FreePorts.udpAndTcp();
    try (Sipp carrier = carrier(carrierPort);
        Baresip alice = Baresip.builder("1001").registrar(server.sipAddress(), "demo1001").start()) {
      carrier.awaitListening(WAIT);
      alice.awaitRegistered(WAIT);

      Answer created = call("POST", "/api/v1/trunks", Map.of("name", "carrier", "host", "127.0.0.1",
          "port", carrierPort, "username", USER, "password", FIRST_PASSWORD, "register", true,
          "outbound_prefixes", List.of("+44"), "caller_id", "+442079460000"));
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().toString()).doesNotContain(FIRST_PASSWORD);
      carrier.awaitActionLog("registered with the first password", WAIT);
      JsonNode registered = await().atMost(WAIT).until(() -> registration("carrier"),
          r -> r.path("state").asText().equals("registered"));
      assertThat(registered.path("registered").asBoolean()).isTrue();
      assertThat(registered.path("expires_at").asText()).isNotEmpty();
      assertThat(registered.path("next_attempt").asText()).isNotEmpty();
      assertThat(registered.path("last_error").isNull()).isTrue();

      assertThat(alice.dial("sip:" + EXTERNAL + "@127.0.0.1").ok()).isTrue();
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      carrier.awaitActionLog("call answered with the first password", WAIT);
      alice.hangup();
      alice.awaitEvent("CALL_CLOSED", WAIT);
      assertThat(carrier.messageLog()).as("the call left with the dialled number and the trunk's caller id")
          .contains("INVITE sip:" + EXTERNAL + "@127.0.0.1:" + carrierPort)
          .contains("<sip:+442079460000@127.0.0.1>");

      assertThat(call("PATCH", "/api/v1/trunks/carrier", Map.of("caller_id", "+442079460999")).json()
          .path("caller_id").asText()).isEqualTo("+442079460999");
      Answer changed = call("PATCH", "/api/v1/trunks/carrier", Map.of("password", SECOND_PASSWORD));
      assertThat(changed.status()).isEqualTo(200);
      carrier.awaitActionLog("registered with the second password", WAIT);
      assertThat(carrier.actionLog().lines().filter(l -> l.strip().equals("registered with the first password")))
          .as("a change of routing alone sends no REGISTER").hasSize(1);
      await().atMost(WAIT).until(() -> registration("carrier").path("state").asText().equals("registered"));

      assertThat(call("DELETE", "/api/v1/trunks/carrier", null).status()).isEqualTo(204);
      carrier.awaitActionLog("unregistered with the second password", WAIT);
      assertThat(call("GET", "/api/v1/trunks/carrier", null).code()).isEqualTo("trunk_not_found");

      assertThat(alice.dial("sip:" + EXTERNAL + "@127.0.0.1").ok()).isTrue();
      assertThat(alice.awaitEvent("a refused call", e -> e.type().equals("CALL_CLOSED") && e.param().contains("404"),
          WAIT).param()).contains("No Route To External Numbers");
      assertThat(carrier.actionLog()).as("nothing reached the carrier after the deletion")
          .containsOnlyOnce("call answered");
      assertThat(carrier.errorLog()).doesNotContain("Aborting call");
    }
  }

  @Test
  void aCarrierRefusingThePasswordShowsAsAFailedRegistrationWithItsNextAttempt() {
    int carrierPort = FreePorts.udpAndTcp();
    try (Sipp carrier = carrier(carrierPort)) {
      carrier.awaitListening(WAIT);
      call("POST", "/api/v1/trunks", Map.of("name", "carrier", "host", "127.0.0.1", "port", carrierPort,
          "username", USER, "password", "not-what-the-carrier-has", "register", true));

      carrier.awaitActionLog("register rejected", WAIT);
      JsonNode failed = await().atMost(WAIT).until(() -> registration("carrier"),
          r -> r.path("state").asText().equals("failed"));
      assertThat(failed.path("last_error").asText()).isEqualTo("403 Forbidden");
      assertThat(failed.path("next_attempt").asText()).isNotEmpty();
      assertThat(failed.path("registered").asBoolean()).isFalse();

      call("PATCH", "/api/v1/trunks/carrier", Map.of("password", FIRST_PASSWORD));
      carrier.awaitActionLog("registered with the first password", WAIT);
      await().atMost(WAIT).until(() -> registration("carrier").path("state").asText().equals("registered"));
    }
  }

  @Test
  void callsFromAListedInboundSourceReachTheDidOnlyWhileTheTrunkExists() {
    Sipp.Builder fromCarrier = Sipp.builder(SippScenario.builtIn("uac")).remote(server.sipAddress())
        .localIp("127.0.0.2").service("4000").calls(1);
    assertThat(fromCarrier.run(WAIT).succeeded()).as("unknown source: a phone that must authenticate").isFalse();

    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "carrier", "host", "127.0.0.9", "port", 5099,
        "inbound_sources", List.of("127.0.0.2"))).json().path("inbound_sources").toString()).contains("127.0.0.2");
    try (Sipp alice = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1001", "demo1001"),
        CalleeBehavior.answer()).start()) {
      alice.awaitRegistered(WAIT);
      Sipp.builder(SippScenario.builtIn("uac")).remote(server.sipAddress()).localIp("127.0.0.2").service("4000")
          .calls(1).run(WAIT).requireSuccess();
      alice.awaitExit(WAIT).requireSuccess();
    }
    await("the inbound call's record").atMost(WAIT).until(() -> server.callRecords().stream()
        .anyMatch(r -> r.direction() == CallDirection.INBOUND && r.callee().equals("1001")));

    call("DELETE", "/api/v1/trunks/carrier", null);
    assertThat(Sipp.builder(SippScenario.builtIn("uac")).remote(server.sipAddress()).localIp("127.0.0.2")
        .service("4000").calls(1).run(WAIT).succeeded()).as("deleted: no longer a trunk").isFalse();
  }

  @Test
  void anotherTenantNeitherSeesNorTouchesTheTrunks() {
    call("POST", "/api/v1/trunks", Map.of("name", "carrier", "host", "127.0.0.1", "port", 5099));
    String globexAdmin = api.accessToken("admin@globex", server.initialAdminPassword("globex"));

    Answer list = api.get("/api/v1/trunks", globexAdmin);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("trunks")).isEmpty();
    assertThat(api.get("/api/v1/trunks/carrier", globexAdmin).code()).isEqualTo("trunk_not_found");
    assertThat(api.call("PATCH", "/api/v1/trunks/carrier", Optional.of(globexAdmin), Map.of("port", 5098)).code())
        .isEqualTo("trunk_not_found");
    assertThat(api.call("DELETE", "/api/v1/trunks/carrier", Optional.of(globexAdmin), null).code())
        .isEqualTo("trunk_not_found");
    Answer own = api.call("POST", "/api/v1/trunks", Optional.of(globexAdmin),
        Map.of("name", "carrier", "host", "127.0.0.1", "port", 5097));
    assertThat(own.status()).as("the same name in another tenant is another trunk").isEqualTo(201);
    assertThat(api.get("/api/v1/trunks/carrier", admin).json().path("port").asInt()).isEqualTo(5099);
    assertThat(api.call("PUT", "/api/v1/dids/5550100", Optional.of(globexAdmin), Map.of("extension", "1001")).code())
        .as("a DID leads only to an extension of its own tenant").isEqualTo("unknown_extension");
  }

  @Test
  void badInputIsRefusedWithACode() {
    assertThat(call("POST", "/api/v1/trunks", Map.of("host", "127.0.0.1")).code()).isEqualTo("invalid_request");
    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "bad host!")).code())
        .isEqualTo("invalid_request");
    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "127.0.0.1", "port", 70000)).code())
        .isEqualTo("invalid_request");
    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "127.0.0.1", "register", true)).code())
        .isEqualTo("credentials_incomplete");
    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "127.0.0.1",
        "outbound_prefixes", List.of("44abc"))).code()).isEqualTo("invalid_request");
    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "127.0.0.1",
        "inbound_sources", List.of("10.0.0.0/8"))).code()).isEqualTo("source_too_wide");
    assertThat(call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "127.0.0.1",
        "register_expiry", 5)).code()).isEqualTo("invalid_request");
    Answer bad = call("POST", "/api/v1/trunks", Map.of("name", "x", "host", "127.0.0.1", "username", "u",
        "password", "line\nbreak"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).doesNotContain("line");
    assertThat(call("GET", "/api/v1/trunks", null).json().path("trunks")).isEmpty();
  }
}
