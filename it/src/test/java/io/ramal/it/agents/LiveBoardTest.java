package io.ramal.it.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's live board against a running Ramal with baresip phones: one unfiltered subscription
 * starts from a snapshot that already shows alice's phone idle and alice paused for lunch, then gets
 * alice coming back and her extension going idle → ringing → in a call → idle, each once; the REST board
 * agrees and states the seq it reflects.
 */
class LiveBoardTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String alice;
  private String carol;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    alice = api.accessToken("alice", "demo-alice");
    carol = api.accessToken("carol", "demo-carol");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void oneUnfilteredSubscriptionFollowsEveryExtensionAndAgentFromACorrectSnapshot() throws InterruptedException {
    assertThat(as(admin, "POST", "/api/v1/pause-reasons", Map.of("id", "lunch", "name", "Lunch")).status())
        .isEqualTo(201);
    try (Baresip phone1001 = phone("1001").start(); Baresip phone1002 = phone("1002").start()) {
      phone1001.awaitRegistered(WAIT);
      phone1002.awaitRegistered(WAIT);
      assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);
      assertThat(as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "lunch")).status()).isEqualTo(200);
      awaitBoard("1001", "idle");
      awaitBoard("1002", "idle");

      try (EventStreamClient events = EventStreamClient.connect(server.httpPort(), carol)) {
        events.next("authenticated", WAIT);
        events.send("{\"op\":\"subscribe\"}");
        events.next("subscribed", WAIT);
        JsonNode snapshot = events.next("snapshot", WAIT);

        assertThat(stateIn(snapshot, "1001")).isEqualTo("idle");
        assertThat(stateIn(snapshot, "1002")).isEqualTo("idle");
        JsonNode agent = agentIn(snapshot, "alice");
        assertThat(agent.path("state").asText()).isEqualTo("paused");
        assertThat(agent.path("reason").path("id").asText()).isEqualTo("lunch");
        assertThat(agent.path("device").asText()).isEqualTo("1001");

        assertThat(as(alice, "POST", "/api/v1/agents/me/available", null).status()).isEqualTo(200);
        assertThat(phone1002.dial("sip:1001@127.0.0.1").ok()).isTrue();
        phone1001.awaitEvent("CALL_ESTABLISHED", WAIT);
        phone1002.awaitEvent("CALL_ESTABLISHED", WAIT);
        Thread.sleep(500);
        phone1002.hangup();
        phone1001.awaitEvent("CALL_CLOSED", WAIT);
        List<JsonNode> seen = new ArrayList<>(events.eventsUntil(e -> isState(e, "1001", "idle"), WAIT));
        seen.addAll(events.eventsUntil(e -> isState(e, "1002", "idle"), WAIT));

        assertThat(seen.stream().filter(e -> e.path("type").asText().startsWith("agent."))
            .map(e -> e.path("type").asText() + ":" + e.path("data").path("state").asText()).toList())
            .containsExactly("agent.available:available");
        assertThat(changes(seen, "1001")).containsExactly("idle>ringing", "ringing>in_call", "in_call>idle");
        assertThat(changes(seen, "1002")).containsExactly("idle>in_call", "in_call>idle");
        long previous = snapshot.path("seq").asLong();
        for (JsonNode event : seen) {
          assertThat(event.path("seq").asLong()).as("consecutive after the snapshot").isEqualTo(++previous);
        }
        JsonNode ringing = seen.stream().filter(e -> isState(e, "1001", "ringing")).findFirst().orElseThrow();
        JsonNode delivered = seen.stream().filter(e -> e.path("type").asText().equals("call.delivered")).findFirst()
            .orElseThrow();
        assertThat(ringing.path("seq").asLong()).as("right after the call.delivered that rang it")
            .isEqualTo(delivered.path("seq").asLong() + 1);
        assertThat(ringing.path("data").path("since").asText())
            .isEqualTo(delivered.path("data").path("party").path("since").asText());
        assertThat(ringing.path("call_id").asText(null)).as("a device event names no call").isNull();

        JsonNode board = api.get("/api/v1/board", carol).json();
        assertThat(board.path("seq").asLong()).isGreaterThanOrEqualTo(previous);
        JsonNode row = rowOf(board, "1001");
        assertThat(row.path("state").asText()).isEqualTo("idle");
        assertThat(row.path("registered").asBoolean()).isTrue();
        assertThat(row.path("agent").path("username").asText()).isEqualTo("alice");
        assertThat(row.path("agent").path("state").asText()).isEqualTo("available");
        assertThat(rowOf(board, "1004").path("state").asText()).as("never registered").isEqualTo("offline");
        assertThat(api.get("/api/v1/board", alice).json().path("extensions"))
            .extracting(e -> e.path("number").asText()).containsExactly("1001");
      }
    }
  }

  // ---- helpers ----

  private static boolean isState(JsonNode event, String device, String state) {
    return event.path("type").asText().equals("device.state_changed") && event.path("device").asText().equals(device)
        && event.path("data").path("state").asText().equals(state);
  }

  private static List<String> changes(List<JsonNode> events, String device) {
    return events.stream()
        .filter(e -> e.path("type").asText().equals("device.state_changed") && e.path("device").asText().equals(device))
        .map(e -> e.path("data").path("previous").asText() + ">" + e.path("data").path("state").asText()).toList();
  }

  private static String stateIn(JsonNode snapshot, String device) {
    for (JsonNode state : snapshot.path("data").path("device_states")) {
      if (state.path("device").asText().equals(device)) return state.path("state").asText();
    }
    return "offline";
  }

  private static JsonNode agentIn(JsonNode snapshot, String username) {
    for (JsonNode agent : snapshot.path("data").path("agents")) {
      if (agent.path("username").asText().equals(username)) return agent;
    }
    throw new AssertionError("no agent " + username + " in " + snapshot);
  }

  private static JsonNode rowOf(JsonNode board, String number) {
    for (JsonNode row : board.path("extensions")) {
      if (row.path("number").asText().equals(number)) return row;
    }
    throw new AssertionError("no extension " + number + " on " + board);
  }

  private void awaitBoard(String number, String state) {
    org.awaitility.Awaitility.await().atMost(WAIT)
        .until(() -> rowOf(api.get("/api/v1/board", admin).json(), number).path("state").asText().equals(state));
  }

  private Baresip.Builder phone(String user) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(user.equals("1001") ? 600 : 850);
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }
}
