package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extensions and DIDs configured through the API, used at once by real SIPp phones. */
class ProvisioningApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(10));
    api = new ApiClient(server.httpPort());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private JsonNode device(String token, String number) {
    return api.get("/api/v1/devices/" + number, token).json();
  }

  @Test
  void anExtensionAddedThroughTheApiRegistersAndTakesCallsAtOnce() {
    String admin = api.accessToken("admin", "demo-admin");
    Answer created = api.call("POST", "/api/v1/extensions", Optional.of(admin),
        Map.of("number", "1060", "name", "Reception", "password", "reception-secret"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(device(admin, "1060").path("registered").asBoolean()).isFalse();

    try (Sipp phone = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1060", "reception-secret"),
        CalleeBehavior.answer()).start()) {
      phone.awaitRegistered(WAIT);
      await().atMost(WAIT).until(() -> device(admin, "1060").path("registered").asBoolean());
      Sipp caller = Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1001", "demo1001")).service("1060").start();
      JsonNode busy = await().atMost(WAIT).until(() -> device(admin, "1060"),
          d -> d.path("state").asText().equals("busy"));
      assertThat(busy.path("calls")).hasSize(1);
      assertThat(api.call("DELETE", "/api/v1/calls/" + busy.path("calls").get(0).asText(), Optional.of(admin), null)
          .status()).isEqualTo(202);
      caller.awaitExit(WAIT).requireSuccess();
      phone.awaitExit(WAIT).requireSuccess();
    }
    await().atMost(WAIT).until(() -> device(admin, "1060").path("state").asText().equals("idle"));
  }

  @Test
  void aChangedPasswordAndADeletedExtensionLockTheOldCredentialsOut() {
    String admin = api.accessToken("admin", "demo-admin");
    api.call("POST", "/api/v1/extensions", Optional.of(admin),
        Map.of("number", "1061", "password", "first-secret"));
    SippPeers.registration(server.sipAddress(), new SipAccount("1061", "first-secret")).run(WAIT).requireSuccess();

    Answer changed = api.call("PATCH", "/api/v1/extensions/1061", Optional.of(admin),
        Map.of("password", "second-secret"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(SippPeers.registration(server.sipAddress(), new SipAccount("1061", "first-secret")).run(WAIT)
        .succeeded()).as("the old password is refused at once").isFalse();
    SippPeers.registration(server.sipAddress(), new SipAccount("1061", "second-secret")).run(WAIT).requireSuccess();

    assertThat(api.call("DELETE", "/api/v1/extensions/1061", Optional.of(admin), null).status()).isEqualTo(204);
    assertThat(SippPeers.registration(server.sipAddress(), new SipAccount("1061", "second-secret")).run(WAIT)
        .succeeded()).as("a deleted extension cannot register").isFalse();
  }

  @Test
  void agentsMayLookButNotChange() {
    String alice = api.accessToken("alice", "demo-alice");
    assertThat(api.get("/api/v1/devices", alice).json().path("devices").size()).isGreaterThanOrEqualTo(4);
    assertThat(api.call("POST", "/api/v1/extensions", Optional.of(alice),
        Map.of("number", "1062", "password", "agent-secret")).code()).isEqualTo("forbidden");
    assertThat(api.call("PUT", "/api/v1/dids/5550199", Optional.of(alice), Map.of("extension", "1001")).code())
        .isEqualTo("forbidden");
  }
}
