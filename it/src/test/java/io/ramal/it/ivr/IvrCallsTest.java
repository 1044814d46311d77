package io.ramal.it.ivr;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real calls through a voice menu: a carrier (baresip sending from the trunk's address, 1000 Hz) calls
 * DID 4200, which leads to menu {@code main}. Ramal answers and plays the menu's prompt, an uploaded WAV
 * of 1400 Hz, checked by ear on what the caller receives. Keys are RFC 4733 telephone-events the
 * caller's phone sends; phones behind the options answer with their own tones (1002 at 600 Hz, 1003 at
 * 850 Hz), and the caller and the extension it chose must hear each other.
 */
class IvrCallsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(300);
  private static final String CALLER = "+5511988887777";
  private static final double PROMPT_HZ = 1400;
  private int trunkPort;
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeEach
  void start() {
    trunkPort = Baresip.reservedSipPort();
    server = TestServer.start(FreePorts.udpAndTcp(), trunkPort, Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void theCallerHearsThePromptPressesOneAndTalksWithTheExtensionBehindIt() {
    menu(Map.of("name", "main", "options", Map.of("1", "extension:1002", "2", "extension:1003"), "timeout_s", 10),
        Duration.ofSeconds(6));
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.*", "connection.cleared");
        Baresip ext = phone("1002", 600).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      ext.awaitRegistered(WAIT);

      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration promptFrom = heard(carrier).plus(MARGIN);
      Duration promptTo = awaitHeard(carrier, promptFrom.plusMillis(1500));
      JsonNode inMenu = events.next(e -> e.path("type").asText().equals("call.established")
          && e.path("device").asText().equals("ivr:main"), WAIT);
      String callId = inMenu.path("call_id").asText();
      Answer hold = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(admin),
          Map.of("party", "ivr:main"));
      assertThat(ext.events()).as("nobody chose 1002 yet").noneMatch(e -> e.type().equals("CALL_INCOMING"));

      Talk<List<JsonNode>> talk = pressAndTalk(carrier, '1', ext, () -> events.eventsUntil(
          e -> e.path("type").asText().equals("call.established") && e.path("device").asText().equals("1002"), WAIT));
      List<JsonNode> seen = talk.beforeHangup();

      ToneReport prompt = window(talk.callerHeard(), promptFrom, promptTo);
      assertThat(prompt.isToneOf(PROMPT_HZ, 20)).as("the caller hears the prompt: " + prompt).isTrue();
      talk.assertTheyHeard(600, 1000);
      assertThat(hold.status()).as(hold.json().toString()).isEqualTo(409);
      assertThat(hold.json().path("message").asText()).contains("voice menu main");
      assertThat(inMenu.path("callee_number").asText()).as("the DID").isEqualTo("4200");
      assertThat(inMenu.path("call").path("parties")).extracting(p -> p.path("device").asText())
          .containsExactly(CALLER, "ivr:main");
      assertThat(seen).extracting(e -> e.path("type").asText() + "@" + e.path("device").asText())
          .containsSubsequence("call.dtmf@" + CALLER, "call.transferred@ivr:main", "connection.cleared@ivr:main",
              "call.delivered@1002", "call.established@1002");
    }
    JsonNode cdr = lastCdr();
    assertThat(cdr.path("direction").asText()).isEqualTo("inbound");
    assertThat(cdr.path("disposition").asText()).isEqualTo("answered");
    assertThat(cdr.path("callee").asText()).as("where the menu sent the caller").isEqualTo("1002");
  }

  @Test
  void withoutAKeyThePromptIsReplayedThenTheCallerGoesToTheDefault() {
    menu(Map.of("name", "main", "options", Map.of("1", "extension:1002"), "timeout_s", 1, "max_retries", 1,
        "default_target", "extension:1003"), Duration.ofMillis(1500));
    try (Baresip fallback = phone("1003", 850).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      fallback.awaitRegistered(WAIT);

      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration answered = heard(carrier);
      fallback.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration connected = heard(carrier);
      Duration talkFrom = connected.plus(MARGIN);
      Duration talkTo = awaitHeard(carrier, talkFrom.plusMillis(1500));
      carrier.hangup();
      fallback.awaitEvent("CALL_CLOSED", WAIT);

      Wav heard = received(carrier);
      ToneReport first = window(heard, answered.plus(MARGIN), answered.plusMillis(1300));
      ToneReport replay = window(heard, answered.plusMillis(2500 + 300), answered.plusMillis(2500 + 1300));
      assertThat(first.isToneOf(PROMPT_HZ, 20)).as("the prompt " + first).isTrue();
      assertThat(replay.isToneOf(PROMPT_HZ, 20)).as("the prompt again after 1 s without a key " + replay).isTrue();
      assertThat(connected.minus(answered)).as("two prompts and two waits before the default")
          .isGreaterThan(Duration.ofMillis(4500));
      ToneReport callerHears = window(heard, talkFrom, talkTo);
      assertThat(callerHears.isToneOf(850, 20)).as("the caller hears the default, 1003: " + callerHears).isTrue();
    }
    assertThat(lastCdr().path("callee").asText()).isEqualTo("1003");
  }

  @Test
  void anInvalidKeyReplaysThePromptWithoutAnInvalidTargetAndGoesThereWithOne() {
    menu(Map.of("name", "main", "options", Map.of("1", "extension:1002"), "timeout_s", 10, "max_retries", 3),
        Duration.ofMillis(1500));
    try (Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration silentFrom = awaitHeard(carrier, heard(carrier).plusMillis(2000));
      Duration silentTo = awaitHeard(carrier, silentFrom.plusMillis(500));
      assertThat(carrier.sendDtmf('7').ok()).isTrue();
      Duration replayFrom = heard(carrier).plus(MARGIN);
      Duration replayTo = awaitHeard(carrier, replayFrom.plusMillis(800));
      carrier.hangup();
      carrier.awaitEvent("CALL_CLOSED", WAIT);

      Wav heard = received(carrier);
      ToneReport waiting = window(heard, silentFrom, silentTo);
      ToneReport replay = window(heard, replayFrom, replayTo);
      assertThat(waiting.rms()).as("after the prompt the caller waits in silence: " + waiting).isLessThan(0.005);
      assertThat(replay.isToneOf(PROMPT_HZ, 20)).as("an invalid key replays the prompt: " + replay).isTrue();
    }
    assertThat(lastCdr().path("cause").asText()).contains("in voice menu main");

    Answer strict = api.call("PATCH", "/api/v1/ivrs/main", Optional.of(admin),
        Map.of("invalid_target", "extension:1003"));
    assertThat(strict.status()).as(strict.json().toString()).isEqualTo(200);
    try (Baresip invalid = phone("1003", 850).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      invalid.awaitRegistered(WAIT);
      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(carrier, heard(carrier).plusMillis(500));
      assertThat(carrier.sendDtmf('9').ok()).isTrue();
      invalid.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration talkFrom = heard(carrier).plus(MARGIN);
      Duration talkTo = awaitHeard(carrier, talkFrom.plusMillis(1500));
      carrier.hangup();
      invalid.awaitEvent("CALL_CLOSED", WAIT);

      ToneReport callerHears = window(received(carrier), talkFrom, talkTo);
      assertThat(callerHears.isToneOf(850, 20)).as("the invalid key led to 1003: " + callerHears).isTrue();
    }
  }

  @Test
  void aKeyForAnExtensionNotRegisteredOrAQueueThatTurnsTheCallerAwayReplaysTheMenuWhoseNextKeyReachesAWorkingOne() {
    Answer closed = api.call("POST", "/api/v1/queues", Optional.of(admin), Map.of("name", "closed"));
    assertThat(closed.status()).as(closed.json().toString()).isEqualTo(201);
    menu(Map.of("name", "main", "options", Map.of("1", "extension:1003", "2", "extension:1002", "3", "queue:closed"),
        "timeout_s", 10, "max_retries", 2), Duration.ofMillis(1500));
    Answer deleted = api.call("DELETE", "/api/v1/queues/closed", Optional.of(admin), null);
    assertThat(deleted.status()).as("a queue that turns every caller away").isEqualTo(204);
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.*", "connection.*");
        Baresip ext = phone("1002", 600).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      ext.awaitRegistered(WAIT);
      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration silentFrom = awaitHeard(carrier, heard(carrier).plusMillis(2000));
      Duration silentTo = awaitHeard(carrier, silentFrom.plusMillis(500));
      assertThat(carrier.sendDtmf('1').ok()).as("1003 has no phone registered").isTrue();
      Duration replayFrom = heard(carrier).plus(MARGIN);
      Duration replayTo = awaitHeard(carrier, replayFrom.plusMillis(800));
      Duration secondSilentFrom = awaitHeard(carrier, replayFrom.plusMillis(1800));
      Duration secondSilentTo = awaitHeard(carrier, secondSilentFrom.plusMillis(500));
      assertThat(carrier.sendDtmf('3').ok()).as("queue closed is gone").isTrue();
      Duration againFrom = heard(carrier).plus(MARGIN);
      Duration againTo = awaitHeard(carrier, againFrom.plusMillis(800));
      assertThat(carrier.events()).as("the caller is still in the call").noneMatch(e -> e.type().equals("CALL_CLOSED"));
      assertThat(ext.events()).as("nobody chose 1002 yet").noneMatch(e -> e.type().equals("CALL_INCOMING"));

      Talk<List<JsonNode>> talk = pressAndTalk(carrier, '2', ext, () -> events.eventsUntil(
          e -> e.path("type").asText().equals("call.established") && e.path("device").asText().equals("1002"), WAIT));
      List<JsonNode> seen = talk.beforeHangup();

      Wav heard = talk.callerHeard();
      ToneReport waiting = window(heard, silentFrom, silentTo);
      ToneReport replay = window(heard, replayFrom, replayTo);
      ToneReport waitingAgain = window(heard, secondSilentFrom, secondSilentTo);
      ToneReport again = window(heard, againFrom, againTo);
      assertThat(waiting.rms()).as("after the prompt the caller waits in silence: " + waiting).isLessThan(0.005);
      assertThat(replay.isToneOf(PROMPT_HZ, 20)).as("1003 failed: the prompt again: " + replay).isTrue();
      assertThat(waitingAgain.rms()).as("silence after the replay: " + waitingAgain).isLessThan(0.005);
      assertThat(again.isToneOf(PROMPT_HZ, 20)).as("the queue turned the caller away: the prompt again: " + again)
          .isTrue();
      talk.assertTheyHeard(600, 1000);
      assertThat(seen).extracting(e -> e.path("type").asText() + "@" + e.path("device").asText())
          .as("back in the menu after 1003 failed and after the queue, then on to 1002")
          .containsSubsequence("call.dtmf@" + CALLER, "call.failed@1003", "call.established@ivr:main",
              "call.dtmf@" + CALLER, "call.transferred@ivr:main", "call.established@ivr:main",
              "call.dtmf@" + CALLER, "call.delivered@1002", "call.established@1002");
    }
    JsonNode cdr = lastCdr();
    assertThat(cdr.path("disposition").asText()).isEqualTo("answered");
    assertThat(cdr.path("callee").asText()).isEqualTo("1002");
  }

  @Test
  void aKeyLeadsIntoAQueueWhereAnAgentAnswersTheCaller() {
    Answer queue = api.call("POST", "/api/v1/queues", Optional.of(admin), Map.of("name", "sales",
        "strategy", "ring_all", "ring_timeout_s", 15));
    assertThat(queue.status()).as(queue.json().toString()).isEqualTo(201);
    menu(Map.of("name", "main", "options", Map.of("2", "queue:sales"), "timeout_s", 10), Duration.ofSeconds(6));
    String alice = api.accessToken("alice", "demo-alice");
    try (Baresip agent = phone("1001", 700).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      agent.awaitRegistered(WAIT);
      assertThat(api.call("POST", "/api/v1/agents/me/login", Optional.of(alice), Map.of("extension", "1001"))
          .status()).isEqualTo(201);
      assertThat(api.call("PUT", "/api/v1/queues/sales/members/me", Optional.of(alice), null).status())
          .isEqualTo(201);

      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(carrier, heard(carrier).plusMillis(800));
      pressAndTalk(carrier, '2', agent, () -> null).assertTheyHeard(700, 1000);
    }
    await().atMost(WAIT).until(() -> api.get("/api/v1/queues/sales/stats", admin).json().path("answered").asInt() == 1);
    JsonNode cdr = lastCdr();
    assertThat(cdr.path("callee").asText()).isEqualTo("sales");
    assertThat(cdr.path("disposition").asText()).isEqualTo("answered");
  }

  @Test
  void aKeyLeadsIntoAnotherMenuWhosePromptPlaysAndWhoseKeysCountFromThen() {
    Answer billing = api.call("POST", "/api/v1/ivrs", Optional.of(admin), Map.of("name", "billing",
        "options", Map.of("1", "extension:1003"), "timeout_s", 10));
    assertThat(billing.status()).as(billing.json().toString()).isEqualTo(201);
    assertThat(api.send("PUT", "/api/v1/ivrs/billing/prompt", admin,
        Tone.sine(900, Duration.ofSeconds(6), 16_000, 0.5).toBytes(), "audio/wav").status()).isEqualTo(200);
    menu(Map.of("name", "main", "options", Map.of("1", "extension:1002", "9", "ivr:billing"), "timeout_s", 10),
        Duration.ofSeconds(6));
    try (Baresip ext = phone("1003", 850).start();
        Baresip carrier = Baresip.builder(CALLER).sipPort(trunkPort).tone(1000).start()) {
      ext.awaitRegistered(WAIT);
      carrier.dial("sip:4200@127.0.0.1:" + server.sipAddress().getPort());
      carrier.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(carrier, heard(carrier).plusMillis(800));
      assertThat(carrier.sendDtmf('9').ok()).isTrue();
      Duration billingFrom = heard(carrier).plus(MARGIN);
      Duration billingTo = awaitHeard(carrier, billingFrom.plusMillis(1500));
      assertThat(carrier.sendDtmf('1').ok()).as("key 1 of billing, not of main").isTrue();
      ext.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration talkFrom = heard(carrier).plus(MARGIN);
      Duration talkTo = awaitHeard(carrier, talkFrom.plusMillis(1500));
      carrier.hangup();
      ext.awaitEvent("CALL_CLOSED", WAIT);

      ToneReport second = window(received(carrier), billingFrom, billingTo);
      assertThat(second.isToneOf(900, 20)).as("the billing menu's prompt: " + second).isTrue();
      ToneReport callerHears = window(received(carrier), talkFrom, talkTo);
      assertThat(callerHears.isToneOf(850, 20)).as("billing's key 1 is 1003: " + callerHears).isTrue();
    }
  }

  // ---- helpers ----

  /** What the caller and the phone it reached heard of each other, and what was read before the hang-up. */
  private record Talk<T>(Wav callerHeard, ToneReport callerHears, ToneReport calleeHears, T beforeHangup) {
    void assertTheyHeard(double calleeHz, double callerHz) {
      assertThat(callerHears.isToneOf(calleeHz, 20)).as("the caller hears the callee: " + callerHears).isTrue();
      assertThat(calleeHears.isToneOf(callerHz, 20)).as("the callee hears the caller: " + calleeHears).isTrue();
    }
  }

  /**
   * The caller presses {@code key}, {@code callee} answers, both talk for 1.5 s, {@code beforeHangup} runs,
   * the caller hangs up.
   */
  private <T> Talk<T> pressAndTalk(Baresip carrier, char key, Baresip callee, Supplier<T> beforeHangup) {
    assertThat(carrier.sendDtmf(key).ok()).isTrue();
    callee.awaitEvent("CALL_ESTABLISHED", WAIT);
    Duration talkFrom = heard(carrier).plus(MARGIN);
    Duration calleeFrom = heard(callee).plus(MARGIN);
    Duration talkTo = awaitHeard(carrier, talkFrom.plusMillis(1500));
    Duration calleeTo = awaitHeard(callee, calleeFrom.plusMillis(1500));
    T read = beforeHangup.get();
    carrier.hangup();
    callee.awaitEvent("CALL_CLOSED", WAIT);
    Wav heard = received(carrier);
    return new Talk<>(heard, window(heard, talkFrom, talkTo), window(received(callee), calleeFrom, calleeTo), read);
  }

  /** Creates menu {@code settings}, uploads a prompt of {@code promptLength} at 1400 Hz, and DID 4200 leads to it. */
  private void menu(Map<String, Object> settings, Duration promptLength) {
    Answer created = api.call("POST", "/api/v1/ivrs", Optional.of(admin), settings);
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    Answer prompt = api.send("PUT", "/api/v1/ivrs/main/prompt", admin,
        Tone.sine(PROMPT_HZ, promptLength, 16_000, 0.5).toBytes(), "audio/wav");
    assertThat(prompt.status()).as(prompt.json().toString()).isEqualTo(200);
    Answer did = api.call("PUT", "/api/v1/dids/4200", Optional.of(admin), Map.of("ivr", "main"));
    assertThat(did.status()).as(did.json().toString()).isEqualTo(201);
  }

  private JsonNode lastCdr() {
    await().atMost(WAIT).until(() -> api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").size() == 1);
    return api.get("/api/v1/cdrs?limit=1", admin).json().path("cdrs").path(0);
  }

  private Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }
}
