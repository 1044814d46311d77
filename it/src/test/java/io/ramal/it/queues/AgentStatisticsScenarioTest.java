package io.ramal.it.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.server.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted contact-centre minute against a running Ramal, with baresip phones: alice logs in at 1001,
 * pauses for lunch and comes back; a carrier's caller (baresip from the trunk's address) dials the DID of
 * queue {@code sales} and waits; a dialer attaches its campaign fields to the waiting call; alice joins the
 * queue, her phone rings with the queue, the wait and the campaign (events and screen pop), answers, talks
 * and the caller hangs up. Then every number of the agent's statistics and of the queue's is compared with
 * what the events and the ledger say happened, and the agent's and the queue's numbers are the same after a
 * restart.
 */
class AgentStatisticsScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String CALLER = "+5511988887777";
  private static final long WRAP_UP_MS = 2000;
  private int trunkPort;
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String alice;

  @BeforeEach
  void start() {
    trunkPort = Baresip.reservedSipPort();
    server = TestServer.start(FreePorts.udpAndTcp(), trunkPort, Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    alice = api.accessToken("alice", "demo-alice");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void theAgentsAndTheQueuesStatisticsMatchTheScriptedScenarioExactlyAlsoAfterARestart() throws Exception {
    ok(as(admin, "POST", "/api/v1/pause-reasons", Map.of("id", "lunch", "name", "Lunch")), 201);
    ok(as(admin, "POST", "/api/v1/queues", Map.of("name", "sales", "strategy", "ring_all", "ring_timeout_s", 15,
        "wrap_up_s", WRAP_UP_MS / 1000, "service_level_s", 20)), 201);
    ok(as(admin, "PUT", "/api/v1/dids/4100", Map.of("queue", "sales")), 201);
    Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    JsonNode delivered;
    JsonNode established;
    JsonNode cleared;
    JsonNode joined;
    JsonNode offered;
    JsonNode pop;
    JsonNode liveStats;
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.*", "connection.*",
        "queue.*", "screen_pop");
        Baresip agent = Baresip.builder("1001").registrar(server.sipAddress(), "demo1001").tone(600).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      agent.awaitRegistered(WAIT);
      ok(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")), 201);
      ok(as(alice, "POST", "/api/v1/agents/me/pause", Map.of("reason_id", "lunch")), 200);
      Thread.sleep(700);
      ok(as(alice, "POST", "/api/v1/agents/me/available", null), 200);

      carrier.dial("sip:4100@127.0.0.1:" + server.sipAddress().getPort());
      joined = events.next(type("queue.caller_joined"), WAIT);
      String callId = joined.path("call_id").asText();
      Answer patched = as(admin, "PATCH", "/api/v1/calls/" + callId, Map.of("campaign", Map.of(
          "customer_code", "C-77", "customer_name", "Maria Souza", "campaign", "Black Friday",
          "customer_phone", CALLER, "extra_1", "gold")));
      ok(patched, 200);
      JsonNode campaignChanged = events.next(type("call.campaign_changed"), WAIT);
      JsonNode waiting = api.get("/api/v1/queues/sales/callers", admin).json().path("callers").path(0);
      ok(as(alice, "PUT", "/api/v1/queues/sales/members/me", null), 201);

      agent.awaitEvent("CALL_ESTABLISHED", WAIT);
      Thread.sleep(1500);
      carrier.hangup();
      agent.awaitEvent("CALL_CLOSED", WAIT);
      List<JsonNode> call = events.eventsUntil(at("connection.cleared", "1001"), WAIT);
      offered = find(call, type("queue.offered"));
      delivered = find(call, at("call.delivered", "1001"));
      pop = find(call, type("screen_pop"));
      established = find(call, at("call.established", "1001"));
      cleared = call.getLast();
      // the stats after the call may come before or after the agent's connection.cleared
      Predicate<JsonNode> handledOne = e -> e.path("type").asText().equals("queue.stats")
          && e.path("agents").path(0).path("calls_handled").asInt() == 1;
      liveStats = call.stream().filter(handledOne).reduce((first, later) -> later)
          .orElseGet(() -> events.next(handledOne, WAIT));

      assertThat(patched.json().path("campaign").path("customer_code").asText()).isEqualTo("C-77");
      assertThat(campaignChanged.path("call_id").asText()).isEqualTo(callId);
      assertThat(waiting.path("campaign").path("customer_name").asText()).as("the queue's caller carries it")
          .isEqualTo("Maria Souza");
      assertThat(offered.path("data").path("campaign").path("extra_1").asText()).isEqualTo("gold");
    }
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // the ringing carried the queue, the caller's wait and the campaign
    assertThat(delivered.path("data").path("queue").path("name").asText()).isEqualTo("sales");
    assertThat(delivered.path("data").path("queue").path("wait_s").asLong())
        .isEqualTo(offered.path("data").path("wait_s").asLong());
    assertThat(delivered.path("call").path("queue").asText()).isEqualTo("sales");
    assertThat(delivered.path("call").path("campaign").path("campaign").asText()).isEqualTo("Black Friday");
    assertThat(pop.path("user").path("username").asText()).isEqualTo("alice");
    assertThat(pop.path("queue").path("name").asText()).isEqualTo("sales");
    assertThat(pop.path("queue").path("wait_s").asLong()).isEqualTo(offered.path("data").path("wait_s").asLong());
    assertThat(pop.path("campaign").path("customer_code").asText()).isEqualTo("C-77");

    Instant answered = Instant.parse(established.path("data").path("party").path("since").asText());
    Instant ended = Instant.parse(cleared.path("data").path("party").path("since").asText());
    Instant entered = Instant.parse(joined.path("data").path("entered_at").asText());
    String window = "?from=" + encode(from) + "&to=" + encode(to);
    await().atMost(WAIT).until(() -> api.get("/api/v1/agents/alice/stats" + window, admin).json()
        .path("calls_handled").asInt() == 1);
    JsonNode stats = api.get("/api/v1/agents/alice/stats" + window, admin).json();

    // the agent: time in each state from the ledger, clipped to the window; the call from the events
    long available = 0;
    long paused = 0;
    JsonNode lunch = null;
    for (JsonNode row : api.get("/api/v1/agent-intervals?agent=alice" + window.replace('?', '&'), admin).json()
        .path("intervals")) {
      Instant start = Instant.parse(row.path("started_at").asText());
      Instant end = row.path("ended_at").isNull() ? to : Instant.parse(row.path("ended_at").asText());
      long inside = Math.max(0, Duration.between(max(start, from), min(end, to)).toMillis());
      switch (row.path("state").asText()) {
        case "available" -> available += inside;
        case "paused" -> {
          paused += inside;
          lunch = row;
        }
        default -> { }
      }
    }
    long talk = Duration.between(answered.truncatedTo(ChronoUnit.MILLIS), ended.truncatedTo(ChronoUnit.MILLIS))
        .toMillis();
    assertThat(lunch).as("one lunch pause in the ledger").isNotNull();
    assertThat(stats.path("agent_id").asText()).isNotBlank();
    assertThat(stats.path("available_ms").asLong()).isEqualTo(available);
    assertThat(stats.path("paused_ms").asLong()).isEqualTo(paused).isEqualTo(lunch.path("duration_ms").asLong())
        .isGreaterThanOrEqualTo(700);
    assertThat(stats.path("logged_in_ms").asLong()).isEqualTo(available + paused);
    long lunchMs = lunch.path("duration_ms").asLong();
    assertThat(stats.path("reasons")).singleElement().satisfies(r -> {
      assertThat(r.path("id").asText()).isEqualTo("lunch");
      assertThat(r.path("time_ms").asLong()).isEqualTo(lunchMs);
      assertThat(r.path("intervals").asInt()).isEqualTo(1);
    });
    assertThat(stats.path("calls_handled").asInt()).isEqualTo(1);
    assertThat(stats.path("queue_calls_handled").asInt()).isEqualTo(1);
    assertThat(stats.path("talk_ms").asLong()).isEqualTo(talk).isGreaterThanOrEqualTo(1500);
    assertThat(stats.path("wrap_up_ms").asLong()).isEqualTo(WRAP_UP_MS);
    assertThat(stats.path("handling_ms").asLong()).isEqualTo(talk + WRAP_UP_MS);
    assertThat(stats.path("average_handling_ms").asLong()).isEqualTo(talk + WRAP_UP_MS);
    JsonNode everyone = api.get("/api/v1/agent-stats" + window, admin).json().path("agents");
    assertThat(everyone).singleElement().isEqualTo(stats);

    // the queue: counts, service level, answer time and the agent's handling, from the same instants
    JsonNode queue = api.get("/api/v1/queues/sales/stats" + window, admin).json();
    JsonNode today = api.get("/api/v1/queues/sales/stats", admin).json();
    for (String field : List.of("queue", "from", "to", "entered", "answered", "answered_within_sl", "abandoned",
        "overflowed", "timed_out", "refused", "service_level_pct", "average_answer_s", "agents")) {
      assertThat(liveStats.path(field)).as("the last queue.stats event says the day's " + field)
          .isEqualTo(today.path(field));
    }
    assertThat(queue.path("from").asText()).isEqualTo(from.toString());
    assertThat(queue.path("to").asText()).isEqualTo(to.toString());
    assertThat(queue.path("entered").asInt()).isEqualTo(1);
    assertThat(queue.path("answered").asInt()).isEqualTo(1);
    assertThat(queue.path("answered_within_sl").asInt()).isEqualTo(1);
    assertThat(queue.path("abandoned").asInt()).isZero();
    assertThat(queue.path("overflowed").asInt()).isZero();
    assertThat(queue.path("timed_out").asInt()).isZero();
    assertThat(queue.path("waiting").asInt()).isZero();
    assertThat(queue.path("service_level_pct").asDouble()).isEqualTo(100.0);
    assertThat(queue.path("average_answer_s").asDouble()).isEqualTo(tenths(Duration.between(entered, answered)));
    assertThat(queue.path("agents")).singleElement().satisfies(a -> {
      assertThat(a.path("username").asText()).isEqualTo("alice");
      assertThat(a.path("calls_answered").asInt()).isEqualTo(1);
      assertThat(a.path("calls_handled").asInt()).isEqualTo(1);
      assertThat(a.path("handling_time_s").asDouble()).isEqualTo(tenths(Duration.between(answered, ended)));
      assertThat(a.path("average_handling_s").asDouble()).isEqualTo(tenths(Duration.between(answered, ended)));
    });

    JsonNode everyQueue = api.get("/api/v1/queue-stats" + window, admin).json();
    assertThat(everyQueue.path("agents")).singleElement().isEqualTo(queue.path("agents").path(0));

    server.restart();
    ApiClient restarted = new ApiClient(server.httpPort());
    String again = restarted.accessToken("admin", "demo-admin");
    assertThat(restarted.get("/api/v1/agents/alice/stats" + window, again).json())
        .as("the agent's numbers come from the store").isEqualTo(stats);
    JsonNode queueAfter = restarted.get("/api/v1/queues/sales/stats" + window, again).json();
    assertThat(counted(queueAfter)).as("the queue's numbers come from the store").isEqualTo(counted(queue));
    assertThat(queueAfter.path("waiting").asInt()).isZero();
    assertThat(restarted.get("/api/v1/queue-stats" + window, again).json().path("agents"))
        .isEqualTo(everyQueue.path("agents"));
    assertThat(restarted.get("/api/v1/queues/sales/stats?from=" + encode(to), again).json().path("entered").asInt())
        .as("nothing entered after the window").isZero();
  }

  // ---- helpers ----

  /** A queue's statistics without {@code ready}, which follows the agent's phone and session now. */
  private static JsonNode counted(JsonNode queueStats) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = queueStats.deepCopy();
    copy.remove("ready");
    return copy;
  }

  /** Seconds with one decimal, half up, as the queue statistics give them. */
  private static double tenths(Duration duration) {
    return Math.round(duration.toMillis() / 1000.0 * 10.0) / 10.0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static String encode(Instant at) {
    return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
  }

  private static JsonNode find(List<JsonNode> events, java.util.function.Predicate<JsonNode> wanted) {
    return events.stream().filter(wanted).findFirst().orElseThrow(() -> new AssertionError("not in " + events));
  }

  private static java.util.function.Predicate<JsonNode> at(String type, String device) {
    return e -> e.path("type").asText().equals(type) && e.path("device").asText().equals(device);
  }

  private static java.util.function.Predicate<JsonNode> type(String type) {
    return e -> e.path("type").asText().equals(type);
  }

  private static void ok(Answer answer, int status) {
    assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(status);
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }
}
