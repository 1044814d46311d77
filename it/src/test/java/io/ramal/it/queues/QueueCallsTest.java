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
import io.ramal.it.harness.Tone;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.harness.Wav;
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
 * Real calls through a queue: a carrier (baresip sending from the trunk's address, 1000 Hz) calls a
 * DID that leads to queue {@code sales}. Ramal answers it, the caller hears music and waits; agents
 * (baresip phones of alice on 1001 at 600 Hz and bob on 1002 at 850 Hz) log in and join, and the
 * queue rings them as its strategy says. The agent who answers talks with the caller through
 * anchored media; the other agent's phone stops ringing; the statistics count the call. A queue's
 * announcement (the spoken position, then an uploaded 1400 Hz WAV) interrupts the music; a caller nobody
 * answers overflows to an extension after the queue's maximum wait.
 */
class QueueCallsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(300);
  private static final String CALLER = "+5511988887777";
  private static final double ANNOUNCEMENT_HZ = 1400;
  private int trunkPort;
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String alice;
  private String bob;

  @BeforeEach
  void start() {
    trunkPort = Baresip.reservedSipPort();
    server = TestServer.start(FreePorts.udpAndTcp(), trunkPort, Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    alice = api.accessToken("alice", "demo-alice");
    bob = api.accessToken("bob", "demo-bob");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void aQueueDidCallerHearsMusicUntilAnAgentJoinsAndAnswersThenTheyHearEachOther() {
    queue("ring_all");
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.delivered",
        "call.established", "connection.cleared");
        Baresip agent = phone("1001", 600).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      agent.awaitRegistered(WAIT);
      assertThat(as(alice, "POST", "/api/v1/agents/me/login", Map.of("extension", "1001")).status()).isEqualTo(201);

      carrier.dial("sip:4100@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration musicFrom = heard(carrier).plus(MARGIN);
      Duration musicTo = awaitHeard(carrier, musicFrom.plusMillis(1500));
      JsonNode waiting = api.get("/api/v1/queues/sales/callers", admin).json().path("callers");
      assertThat(agent.events()).as("nobody in the queue yet: the agent's phone does not ring")
          .noneMatch(e -> e.type().equals("CALL_INCOMING"));

      Answer joined = as(alice, "PUT", "/api/v1/queues/sales/members/me", null);
      assertThat(joined.status()).as(joined.json().toString()).isEqualTo(201);
      agent.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration talkFrom = heard(carrier).plus(MARGIN);
      Duration agentFrom = heard(agent).plus(MARGIN);
      Duration talkTo = awaitHeard(carrier, talkFrom.plusMillis(1500));
      Duration agentTo = awaitHeard(agent, agentFrom.plusMillis(1500));
      JsonNode delivered = events.next(e -> e.path("type").asText().equals("call.delivered")
          && e.path("device").asText().equals("1001"), WAIT);
      await().atMost(WAIT).until(() -> stats().path("answered").asInt() == 1);

      carrier.hangup();
      agent.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(waiting).as("the caller waited in the queue").hasSize(1);
      assertThat(waiting.get(0).path("caller_number").asText()).isEqualTo(CALLER);
      ToneReport music = window(received(carrier), musicFrom, musicTo);
      assertThat(music.rms()).as("the waiting caller hears music: " + music).isGreaterThan(0.005);
      assertThat(music.isToneOf(600, 20)).as("not the agent: " + music).isFalse();
      ToneReport callerHears = window(received(carrier), talkFrom, talkTo);
      assertThat(callerHears.isToneOf(600, 20)).as("the caller hears the agent " + callerHears).isTrue();
      ToneReport agentHears = window(received(agent), agentFrom, agentTo);
      assertThat(agentHears.isToneOf(1000, 20)).as("the agent hears the caller " + agentHears).isTrue();
      assertThat(delivered.path("call_id").asText()).isNotEmpty();
    }
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    JsonNode cdr = api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0);
    assertThat(cdr.path("direction").asText()).isEqualTo("inbound");
    assertThat(cdr.path("disposition").asText()).isEqualTo("answered");
    JsonNode stats = stats();
    assertThat(stats.path("entered").asInt()).isEqualTo(1);
    assertThat(stats.path("answered").asInt()).isEqualTo(1);
    assertThat(stats.path("abandoned").asInt()).isZero();
  }

  @Test
  void ringAllRingsEveryReadyAgentAndTheFirstToAnswerTakesTheCallerTheOtherStopsRinging() {
    queue("ring_all");
    try (Baresip first = phone("1001", 600).answerMode(Baresip.AnswerMode.MANUAL).start();
        Baresip second = phone("1002", 850).answerMode(Baresip.AnswerMode.MANUAL).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      first.awaitRegistered(WAIT);
      second.awaitRegistered(WAIT);
      loginAndJoin(alice, "1001");
      loginAndJoin(bob, "1002");

      carrier.dial("sip:4100@127.0.0.1:" + server.sipAddress().getPort());
      first.awaitEvent("CALL_INCOMING", WAIT);
      second.awaitEvent("CALL_INCOMING", WAIT);
      second.accept();
      second.awaitEvent("CALL_ESTABLISHED", WAIT);
      first.awaitEvent("CALL_CLOSED", WAIT);
      Duration from = heard(carrier).plus(MARGIN);
      Duration to = awaitHeard(carrier, from.plusMillis(1500));
      ToneReport callerHears = window(received(carrier), from, to);

      assertThat(callerHears.isToneOf(850, 20)).as("the caller hears bob " + callerHears).isTrue();
      assertThat(first.events()).as("alice's phone never answered")
          .noneMatch(e -> e.type().equals("CALL_ESTABLISHED"));
      carrier.hangup();
      second.awaitEvent("CALL_CLOSED", WAIT);
    }
    await().atMost(WAIT).untilAsserted(() -> assertThat(stats().path("agents"))
        .extracting(a -> a.path("username").asText() + ":" + a.path("calls_answered").asInt())
        .contains("bob:1"));
  }

  @Test
  void aCallerWhoHangsUpWhileWaitingCountsAsAbandonedAndCallsCannotBeHeldWhileWaiting() {
    queue("ring_all");
    try (Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      carrier.dial("sip:4100@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      await().atMost(WAIT).until(() -> stats().path("waiting").asInt() == 1);
      String callId = api.get("/api/v1/queues/sales/callers", admin).json().path("callers").path(0)
          .path("call_id").asText();
      Answer hold = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(admin),
          Map.of("party", CALLER));

      carrier.hangup();
      carrier.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(hold.status()).as(hold.json().toString()).isEqualTo(409);
    }
    await().atMost(WAIT).until(() -> stats().path("abandoned").asInt() == 1);
    assertThat(stats().path("waiting").asInt()).isZero();
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    assertThat(api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0).path("disposition").asText())
        .isEqualTo("no_answer");
  }

  @Test
  void aWaitingCallerHearsItsPositionAndTheQueuesAnnouncementOnEntryAndAgainBetweenMusic() {
    queue(Map.of("name", "sales", "announce_position_every_s", 6));
    Answer uploaded = api.send("PUT", "/api/v1/queues/sales/announcement", admin,
        Tone.sine(ANNOUNCEMENT_HZ, Duration.ofMillis(1000), 16_000, 0.5).toBytes(), "audio/wav");
    assertThat(uploaded.status()).as(uploaded.json().toString()).isEqualTo(200);
    assertThat(api.get("/api/v1/queues/sales", admin).json().path("announcement").path("duration_ms").asLong())
        .isEqualTo(1000);
    Duration listen = Duration.ofMillis(11_000);
    try (Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      carrier.dial("sip:4100@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(carrier, listen);
      Wav heard = received(carrier);
      carrier.hangup();
      carrier.awaitEvent("CALL_CLOSED", WAIT);

      List<Duration[]> runs = toneRuns(heard, ANNOUNCEMENT_HZ, listen);
      assertThat(runs).as("the announcement on entry and again 6 s later: " + describe(runs)).hasSize(2);
      Duration first = runs.get(0)[1].minus(runs.get(0)[0]);
      assertThat(first).as("the whole 1 s announcement, once: " + describe(runs))
          .isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
      assertThat(runs.get(0)[0]).as("on entry, after the spoken position (about 3.6 s): " + describe(runs))
          .isBetween(Duration.ofMillis(2750), Duration.ofMillis(4500));
      assertThat(runs.get(1)[0].minus(runs.get(0)[0])).as("every 6 s: " + describe(runs))
          .isBetween(Duration.ofMillis(5250), Duration.ofMillis(6750));
      ToneReport spoken = window(heard, Duration.ofMillis(250), Duration.ofMillis(2500));
      assertThat(spoken.rms()).as("the position is spoken first: " + spoken).isGreaterThan(0.01);
      assertThat(spoken.isToneOf(ANNOUNCEMENT_HZ, 20)).as("not the announcement: " + spoken).isFalse();
      ToneReport between = window(heard, runs.get(0)[1].plus(MARGIN), runs.get(0)[1].plusMillis(1000));
      assertThat(between.rms()).as("music again between announcements: " + between).isGreaterThan(0.005);
      assertThat(between.isToneOf(ANNOUNCEMENT_HZ, 20)).as("not the announcement: " + between).isFalse();
    }
    Answer removed = api.call("DELETE", "/api/v1/queues/sales/announcement", Optional.of(admin), null);
    assertThat(removed.json().path("announcement").isNull()).as(removed.json().toString()).isTrue();
  }

  @Test
  void aCallerNoAgentAnswersOverflowsAfterTheMaxWaitToTheExtensionAndTheyTalk() {
    queue(Map.of("name", "sales", "max_wait_s", 3, "overflow_to", "extension:1002"));
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.delivered");
        Baresip agent = phone("1001", 600).answerMode(Baresip.AnswerMode.MANUAL).start();
        Baresip overflow = phone("1002", 850).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      agent.awaitRegistered(WAIT);
      overflow.awaitRegistered(WAIT);
      loginAndJoin(alice, "1001");

      carrier.dial("sip:4100@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      agent.awaitEvent("CALL_INCOMING", WAIT);
      overflow.awaitEvent("CALL_ESTABLISHED", WAIT);
      agent.awaitEvent("CALL_CLOSED", WAIT);
      Duration talkFrom = heard(carrier).plus(MARGIN);
      Duration overflowFrom = heard(overflow).plus(MARGIN);
      Duration talkTo = awaitHeard(carrier, talkFrom.plusMillis(1500));
      Duration overflowTo = awaitHeard(overflow, overflowFrom.plusMillis(1500));
      JsonNode delivered = events.next(e -> e.path("device").asText().equals("1002"), WAIT);
      await().atMost(WAIT).until(() -> stats().path("overflowed").asInt() == 1);

      ToneReport callerHears = window(received(carrier), talkFrom, talkTo);
      assertThat(callerHears.isToneOf(850, 20)).as("the caller hears 1002: " + callerHears).isTrue();
      ToneReport overflowHears = window(received(overflow), overflowFrom, overflowTo);
      assertThat(overflowHears.isToneOf(1000, 20)).as("1002 hears the caller: " + overflowHears).isTrue();
      assertThat(agent.events()).as("alice's phone rang but never answered")
          .noneMatch(e -> e.type().equals("CALL_ESTABLISHED"));
      assertThat(delivered.path("call_id").asText()).isNotEmpty();
      carrier.hangup();
      overflow.awaitEvent("CALL_CLOSED", WAIT);
    }
    JsonNode stats = stats();
    assertThat(stats.path("entered").asInt()).isEqualTo(1);
    assertThat(stats.path("overflowed").asInt()).isEqualTo(1);
    assertThat(stats.path("answered").asInt()).isZero();
    assertThat(stats.path("waiting").asInt()).isZero();
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    JsonNode cdr = api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0);
    assertThat(cdr.path("disposition").asText()).isEqualTo("answered");
    assertThat(cdr.path("callee").asText()).isEqualTo("1002");
    assertThat(cdr.path("cause").asText()).contains("sent on from queue sales to 1002");
  }

  @Test
  void aDidTargetMustBeAnExistingQueueOrExtensionButNotBoth() {
    assertThat(as(admin, "PUT", "/api/v1/dids/4100", Map.of("queue", "nosuch")).code()).isEqualTo("unknown_queue");
    assertThat(as(admin, "PUT", "/api/v1/dids/4100", Map.of("queue", "sales", "extension", "1001")).code())
        .isEqualTo("invalid_request");
    queue("longest_idle");
    assertThat(api.get("/api/v1/dids/4100", admin).json().path("queue").asText()).isEqualTo("sales");
  }

  // ---- helpers ----

  /** Queue {@code sales} with {@code strategy}, and DID 4100 leading to it. */
  private void queue(String strategy) {
    queue(Map.of("name", "sales", "strategy", strategy, "ring_timeout_s", 15));
  }

  /** Queue {@code sales} with {@code settings}, and DID 4100 leading to it. */
  private void queue(Map<String, Object> settings) {
    Answer created = as(admin, "POST", "/api/v1/queues", settings);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    Answer did = as(admin, "PUT", "/api/v1/dids/4100", Map.of("queue", "sales"));
    assertThat(did.status()).as(did.json().toString()).isEqualTo(201);
    assertThat(did.json().path("queue").asText()).isEqualTo("sales");
  }

  private void loginAndJoin(String token, String extension) {
    assertThat(as(token, "POST", "/api/v1/agents/me/login", Map.of("extension", extension)).status()).isEqualTo(201);
    Answer joined = as(token, "PUT", "/api/v1/queues/sales/members/me", null);
    assertThat(joined.status()).as(joined.json().toString()).isEqualTo(201);
  }

  /** The stretches (from, to) of {@code audio}'s first {@code upTo} where 250 ms windows are a tone of {@code hz}. */
  private static List<Duration[]> toneRuns(Wav audio, double hz, Duration upTo) {
    List<Duration[]> runs = new ArrayList<>();
    Duration step = Duration.ofMillis(250);
    Duration[] run = null;
    for (Duration at = Duration.ZERO; at.plus(step).compareTo(upTo) <= 0; at = at.plus(step)) {
      boolean tone = window(audio, at, at.plus(step)).isToneOf(hz, 20);
      if (tone && run == null) {
        run = new Duration[] {at, at.plus(step)};
        runs.add(run);
      } else if (tone) {
        run[1] = at.plus(step);
      } else {
        run = null;
      }
    }
    return runs;
  }

  private static String describe(List<Duration[]> runs) {
    return runs.stream().map(r -> r[0].toMillis() + "-" + r[1].toMillis() + " ms").toList().toString();
  }

  private JsonNode stats() {
    Answer answer = api.get("/api/v1/queues/sales/stats", admin);
    assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    return answer.json();
  }

  private Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }

  private Answer as(String token, String method, String path, Object body) {
    return api.call(method, path, Optional.of(token), body);
  }
}
