package io.ramal.it.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents of the demo tenant (alice and bob are agents on 1001 and 1002, carol a supervisor) log in
 * on real registered phones, pause with reasons and come back, against a whole running server;
 * their intervals are read back from the ledger, also after a restart. A second tenant, acme, sees
 * none of it.
 */
class AgentSessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String alice;
  private String bob;
  private String carol;

  @BeforeEach
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), List.of(acme));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    alice = api.accessToken("alice", "demo-alice");
    bob = api.accessToken("bob", "demo-bob");
    carol = api.accessToken("carol", "demo-carol");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }

  private void reason(String id, String name, Map<String, Object> more) {
    Map<String, Object> body = new java.util.HashMap<>(more);
    body.put("id", id);
    body.put("name", name);
    Answer created = as(admin, "POST", "/api/v1/pause-reasons", body);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
  }

  /** A socket subscribed to agent events only, past its snapshot. */
  private EventStreamClient agentEvents(String token) {
    EventStreamClient events = EventStreamClient.connect(server.httpPort(), token);
    events.next("authenticated", WAIT);
    events.send("{\"op\":\"subscribe\",\"filters\":{\"types\":[\"agent.*\"]}}");
    events.next("snapshot", WAIT);
    return events;
  }

  private static JsonNode event(EventStreamClient events, String type) {
    return events.next(f -> f.path("op").asText().equals("event") && f.path("type").asText().equals(type), WAIT);
  }

  private List<JsonNode> ledger(String token, String query) {
    Answer answer = api.get("/api/v1/agent-intervals" + query, token);
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    List<JsonNode> rows = new ArrayList<>();
    answer.json().path("intervals").forEach(rows::add);
    return rows;
  }

  @Test
  void anAgentLogsInByExtensionReceivesItsReasonsPausesAndEveryIntervalIsInTheLedger() {
    reason("lunch", "Lunch", Map.of("productive", false, "max_duration_s", 3600));
    reason("training", "Training", Map.of("productive", true, "groups", List.of("sales")));
    try (EventStreamClient watch = agentEvents(carol)) {
      Answer login = as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001"));
      assertThat(login.status()).as(login.json().toString()).isEqualTo(201);
      assertThat(login.json().path("state").asText()).isEqualTo("available");
      assertThat(login.json().path("device").asText()).isEqualTo("1001");
      assertThat(login.json().path("reasons")).extracting(r -> r.path("id").asText())
          .as("training is for the sales group only").containsExactly("lunch");
      JsonNode loggedIn = event(watch, "agent.logged_in");
      assertThat(loggedIn.path("device").asText()).isEqualTo("1001");
      JsonNode offered = event(watch, "agent.reasons");
      assertThat(offered.path("data").path("reasons")).hasSize(1);

      assertThat(as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "training")).code())
          .isEqualTo("pause_reason_not_allowed");
      assertThat(as(admin, "PUT", "/api/v1/agents/alice/groups", Map.of("groups", List.of("sales"))).status())
          .isEqualTo(200);
      Answer lunch = as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "lunch"));
      assertThat(lunch.json().path("state").asText()).isEqualTo("paused");
      JsonNode paused = event(watch, "agent.paused");
      assertThat(paused.path("data").path("reason").path("name").asText()).isEqualTo("Lunch");
      String lunchInterval = paused.path("data").path("interval_id").asText();
      Answer training = as(carol, "POST", "/api/v1/agents/alice/pause", Map.of("reason_id", "training"));
      assertThat(training.status()).as("a supervisor changes the reason").isEqualTo(200);
      event(watch, "agent.paused");
      assertThat(as(alice, "POST", "/api/v1/agents/me/available", null).json().path("state").asText())
          .isEqualTo("available");
      event(watch, "agent.available");
      assertThat(as(alice, "POST", "/api/v1/agents/me/logout", null).json().path("state").asText())
          .isEqualTo("logged_out");
      assertThat(event(watch, "agent.logged_out").path("device").asText()).isEqualTo("1001");

      List<JsonNode> rows = ledger(alice, "");
      assertThat(rows).extracting(r -> r.path("state").asText())
          .containsExactly("available", "paused", "paused", "available", "logged_out");
      assertThat(rows).extracting(r -> r.path("ended_by").asText())
          .containsExactly("changed", "changed", "changed", "logged_out", "null");
      assertThat(rows.get(1).path("id").asText()).isEqualTo(lunchInterval);
      assertThat(rows.get(2).path("reason").path("id").asText()).isEqualTo("training");
      assertThat(rows.get(2).path("opened_by").asText()).as("carol changed it")
          .isNotEqualTo(rows.get(1).path("opened_by").asText());
      for (int i = 0; i + 1 < rows.size(); i++) {
        assertThat(rows.get(i).path("ended_at").asText()).as("no gap").isEqualTo(rows.get(i + 1).path("started_at").asText());
      }
      assertThat(ledger(bob, "")).as("bob reads only his own intervals").isEmpty();
      assertThat(api.get("/api/v1/agent-intervals?agent=alice", bob).status()).isEqualTo(403);
      assertThat(ledger(carol, "?agent=alice&limit=2")).hasSize(2);
      assertThat(ledger(carol, "?agent=alice&from=" + Instant.now().plusSeconds(60))).as("only the open row")
          .extracting(r -> r.path("state").asText()).containsExactly("logged_out");
    }
  }

  @Test
  void aSecondLoginIsRefusedOrTakesOverAsTheTenantPolicySaysAndADeviceHoldsOneAgent() {
    assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);
    Answer again = as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1002"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("agent_already_logged_in");
    Answer bobOnAlicesDevice = as(bob, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001"));
    assertThat(bobOnAlicesDevice.status()).isEqualTo(409);
    assertThat(bobOnAlicesDevice.code()).isEqualTo("device_in_use");
    assertThat(as(bob, "POST", "/api/v1/agents/alice/logout", null).status()).as("agents act on themselves")
        .isEqualTo(403);

    Answer policy = as(admin, "PUT", "/api/v1/agent-policy", Map.of("second_login", "take_over",
        "vanish_grace_s", 120, "vanish_action", "logout"));
    assertThat(policy.status()).as(policy.json().toString()).isEqualTo(200);
    try (EventStreamClient watch = agentEvents(carol)) {
      Answer takeOver = as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1002"));
      assertThat(takeOver.status()).isEqualTo(201);
      assertThat(takeOver.json().path("device").asText()).isEqualTo("1002");
      JsonNode ended = event(watch, "agent.logged_out");
      assertThat(ended.path("device").asText()).isEqualTo("1001");
      assertThat(ended.path("data").path("cause").asText()).isEqualTo("taken_over");
      assertThat(event(watch, "agent.logged_in").path("device").asText()).isEqualTo("1002");
    }
    assertThat(as(bob, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status())
        .as("1001 is free again").isEqualTo(201);
    assertThat(ledger(carol, "?agent=alice")).extracting(r -> r.path("ended_by").asText())
        .containsExactly("taken_over", "null");
    Answer logout = as(carol, "POST", "/api/v1/agents/alice/logout", null);
    assertThat(logout.json().path("state").asText()).as("a supervisor logs an agent out").isEqualTo("logged_out");
  }

  @Test
  void anAgentLogsInByTheAddressItsPhoneRegisteredFromOrByPosition() {
    Sipp phone = SippPeers.registration(server.sipAddress(), new SipAccount("1004", "demo1004"))
        .localIp("127.0.0.7").start();
    phone.awaitExit(WAIT).requireSuccess();

    assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("ip", "127.0.0.8")).code())
        .isEqualTo("device_not_found");
    Answer byIp = as(alice, "POST", "/api/v1/agents/me/login", Map.of("ip", "127.0.0.7"));
    assertThat(byIp.status()).as(byIp.json().toString()).isEqualTo(201);
    assertThat(byIp.json().path("device").asText()).isEqualTo("1004");
    assertThat(byIp.json().path("logon").path("type").asText()).isEqualTo("ip");

    assertThat(as(admin, "PUT", "/api/v1/agent-positions/17", Map.of("extension", "1005")).status()).isEqualTo(200);
    Answer byPosition = as(bob, "POST", "/api/v1/agents/me/login", Map.of("position", "17"));
    assertThat(byPosition.status()).isEqualTo(201);
    assertThat(byPosition.json().path("device").asText()).isEqualTo("1005");
    assertThat(as(carol, "POST", "/api/v1/agents/me/login", Map.of("position", "99")).code())
        .isEqualTo("position_not_found");

    Answer list = api.get("/api/v1/agents", carol);
    assertThat(list.json().path("agents")).extracting(a -> a.path("username").asText() + "@"
        + a.path("device").asText()).contains("alice@1004", "bob@1005");
  }

  @Test
  void aPauseLongerThanItsReasonsMaximumRaisesOneAlertAndTheAgentStaysPaused() {
    reason("coffee", "Coffee", Map.of("max_duration_s", 1));
    try (EventStreamClient watch = agentEvents(carol)) {
      assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);
      Answer coffee = as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "coffee"));
      assertThat(coffee.json().path("state").asText()).isEqualTo("paused");
      JsonNode paused = event(watch, "agent.paused");

      JsonNode exceeded = event(watch, "agent.pause_exceeded");
      assertThat(exceeded.path("data").toString()).contains("coffee");
      assertThat(Duration.between(Instant.parse(paused.path("ts").asText()), Instant.parse(exceeded.path("ts").asText())))
          .as("raised once the maximum has passed").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      assertThat(api.get("/api/v1/agents/alice", carol).json().path("state").asText())
          .as("an alert, not a state change").isEqualTo("paused");
      sleep(Duration.ofMillis(2500));
      assertThat(watch.drain()).as("one alert per interval: no second one")
          .filteredOn(e -> e.path("type").asText().equals("agent.pause_exceeded")).isEmpty();
      assertThat(as(alice, "POST", "/api/v1/agents/me/logout", null).status()).isEqualTo(200);
    }
  }

  @Test
  void aPauseAfterTheCurrentCallStartsWhenTheCallEnds() throws Exception {
    reason("lunch", "Lunch", Map.of());
    try (EventStreamClient watch = agentEvents(carol);
        Sipp phone = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1001", "demo1001"),
            CalleeBehavior.answer()).start()) {
      phone.awaitRegistered(WAIT);
      assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);
      Sipp caller = SippPeers.caller(server.sipAddress(), new SipAccount("1002", "demo1002"), "1001")
          .callDuration(Duration.ofSeconds(4)).start();
      await().atMost(WAIT).until(() -> api.get("/api/v1/devices/1001", admin).json().path("state").asText(),
          "busy"::equals);

      Answer requested = as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "lunch", "after_call", true));
      assertThat(requested.status()).isEqualTo(200);
      assertThat(requested.json().path("state").asText()).as("still on the call").isEqualTo("available");
      assertThat(requested.json().path("pending_pause").path("reason").path("id").asText()).isEqualTo("lunch");
      event(watch, "agent.pause_pending");

      caller.awaitExit(WAIT).requireSuccess();
      JsonNode paused = event(watch, "agent.paused");
      assertThat(paused.path("data").path("cause").asText()).isEqualTo("after_call");
      assertThat(api.get("/api/v1/agents/alice", carol).json().path("pending_pause").isNull()).isTrue();
      assertThat(ledger(carol, "?agent=alice")).extracting(r -> r.path("ended_by").asText())
          .containsExactly("after_call", "null");
      phone.awaitExit(WAIT);
    }
  }

  @Test
  void anAgentWhoseClientAndPhoneVanishIsMovedToTheConfiguredStateAfterTheGracePeriod() {
    reason("away", "Away", Map.of());
    assertThat(as(admin, "PUT", "/api/v1/agent-policy", Map.of("second_login", "refuse", "vanish_grace_s", 2,
        "vanish_action", "pause", "vanish_reason_id", "away")).status()).isEqualTo(200);
    int phonePort = FreePorts.udpAndTcp();
    Sipp phone = SippPeers.registration(server.sipAddress(), new SipAccount("1006", "demo1006"))
        .localPort(phonePort).start();
    phone.awaitExit(WAIT).requireSuccess();
    try (EventStreamClient watch = agentEvents(carol)) {
      EventStreamClient client = agentEvents(alice);
      Answer login = as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1006"));
      assertThat(login.json().path("client_connected").asBoolean()).isTrue();
      client.close();
      await().atMost(WAIT).until(() -> !api.get("/api/v1/agents/alice", carol).json().path("client_connected")
          .asBoolean());
      sleep(Duration.ofSeconds(3));
      assertThat(api.get("/api/v1/agents/alice", carol).json().path("state").asText())
          .as("the phone is still registered").isEqualTo("available");

      Sipp unregister = Sipp.builder(SippScenario.resource("unregister-digest.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1006", "demo1006")).localPort(phonePort).start();
      unregister.awaitExit(WAIT).requireSuccess();
      Instant gone = Instant.now();
      JsonNode paused = event(watch, "agent.paused");
      assertThat(Duration.between(gone, Instant.now())).as("not before the grace period")
          .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
      assertThat(paused.path("data").path("cause").asText()).isEqualTo("vanished");
      assertThat(paused.path("data").path("reason").path("id").asText()).isEqualTo("away");
      assertThat(ledger(carol, "?agent=alice")).extracting(r -> r.path("ended_by").asText())
          .containsExactly("vanished", "null");
    }
  }

  @Test
  void theLedgerAndTheAgentsStateSurviveARestart() {
    reason("lunch", "Lunch", Map.of());
    as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001"));
    as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "lunch"));
    List<JsonNode> before = ledger(carol, "?agent=alice");

    server.restart();
    api = new ApiClient(server.httpPort());

    JsonNode after = api.get("/api/v1/agents/alice", carol).json();
    assertThat(after.path("state").asText()).isEqualTo("paused");
    assertThat(after.path("reason").path("id").asText()).isEqualTo("lunch");
    assertThat(after.path("device").asText()).isEqualTo("1001");
    assertThat(ledger(carol, "?agent=alice")).isEqualTo(before);
    assertThat(as(alice, "POST", "/api/v1/agents/me/available", null).json().path("state").asText())
        .isEqualTo("available");
    assertThat(ledger(carol, "?agent=alice")).extracting(r -> r.path("state").asText())
        .containsExactly("available", "paused", "available");
  }

  @Test
  void anotherTenantSeesNoneOfIt() {
    String acmeAdmin = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
    reason("lunch", "Lunch", Map.of());
    try (EventStreamClient acmeEvents = agentEvents(acmeAdmin)) {
      String aliceId = as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).json()
          .path("agent_id").asText();

      assertThat(api.get("/api/v1/agents", acmeAdmin).json().toString()).doesNotContain("alice");
      assertThat(api.get("/api/v1/agents/" + aliceId, acmeAdmin).code()).isEqualTo("agent_not_found");
      assertThat(as(acmeAdmin, "POST", "/api/v1/agents/" + aliceId + "/logout", null).status()).isEqualTo(404);
      assertThat(api.get("/api/v1/pause-reasons", acmeAdmin).json().path("reasons")).isEmpty();
      assertThat(api.get("/api/v1/pause-reasons/lunch", acmeAdmin).status()).isEqualTo(404);
      assertThat(ledger(acmeAdmin, "")).isEmpty();
      assertThat(as(acmeAdmin, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).code())
          .as("demo's extension is not acme's").isEqualTo("device_not_found");
      assertThat(acmeEvents.drain()).noneMatch(f -> f.path("type").asText().startsWith("agent."));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
