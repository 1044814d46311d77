package io.ramal.it.queues;

import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.heard;
import static io.ramal.it.harness.HeardAudio.received;
import static io.ramal.it.harness.HeardAudio.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.server.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A queue dialled from an extension: queue {@code sales} has number 5000; a baresip phone on 1003
 * (1000 Hz) dials it, Ramal answers and the caller waits with music until alice's phone (1001, 600 Hz),
 * logged in and in the queue, is offered the call with the queue's name and answers; then they hear each
 * other, as a DID caller and its agent do.
 */
class DialledQueueTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(300);
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String alice;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    alice = api.accessToken("alice", "demo-alice");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void anExtensionDiallingTheQueuesNumberWaitsWithMusicAndTalksWithTheAgentWhoAnswers() {
    Answer created = as(admin, "POST", "/api/v1/queues", Map.of("name", "sales", "number", "5000"));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.delivered");
        Baresip agent = phone("1001", 600).start();
        Baresip caller = phone("1003", 1000).start()) {
      agent.awaitRegistered(WAIT);
      caller.awaitRegistered(WAIT);
      caller.dial("sip:5000@127.0.0.1:" + server.sipAddress().getPort());
      caller.awaitEvent("CALL_ESTABLISHED", WAIT);
      await().atMost(WAIT).until(() -> api.get("/api/v1/queues/sales/stats", admin).json().path("waiting")
          .asInt() == 1);
      Duration musicFrom = heard(caller).plus(MARGIN);
      Duration musicTo = awaitHeard(caller, musicFrom.plusMillis(1000));

      assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);
      Answer joined = as(alice, "PUT", "/api/v1/queues/sales/members/me", null);
      assertThat(joined.status()).as(joined.json().toString()).isEqualTo(201);
      agent.awaitEvent("CALL_ESTABLISHED", WAIT);
      JsonNode delivered = events.next(e -> e.path("type").asText().equals("call.delivered")
          && e.path("device").asText().equals("1001"), WAIT);
      Duration talkFrom = heard(caller).plus(MARGIN);
      Duration agentFrom = heard(agent).plus(MARGIN);
      Duration talkTo = awaitHeard(caller, talkFrom.plusMillis(1500));
      Duration agentTo = awaitHeard(agent, agentFrom.plusMillis(1500));
      caller.hangup();
      agent.awaitEvent("CALL_CLOSED", WAIT);

      ToneReport music = window(received(caller), musicFrom, musicTo);
      assertThat(music.rms()).as("the waiting caller hears music: " + music).isGreaterThan(0.005);
      assertThat(delivered.path("data").path("queue").path("name").asText()).as(delivered.toString())
          .isEqualTo("sales");
      assertThat(delivered.path("call").path("caller_number").asText()).isEqualTo("1003");
      ToneReport callerHears = window(received(caller), talkFrom, talkTo);
      assertThat(callerHears.isToneOf(600, 20)).as("the caller hears the agent " + callerHears).isTrue();
      ToneReport agentHears = window(received(agent), agentFrom, agentTo);
      assertThat(agentHears.isToneOf(1000, 20)).as("the agent hears the caller " + agentHears).isTrue();
    }
    await().atMost(WAIT).until(() -> api.get("/api/v1/queues/sales/stats", admin).json().path("answered")
        .asInt() == 1);
  }

  private Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }
}
