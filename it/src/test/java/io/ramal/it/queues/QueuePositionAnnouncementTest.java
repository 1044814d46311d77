package io.ramal.it.queues;

import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.received;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.cti.Language;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.AudioMatch;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.speech.ShippedVoice;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spoken positions in a real call: two baresip phones (1003, then 1004) dial queue {@code sales} by its
 * number while no agent is there, and wait. The second caller's phone records what it hears; the test
 * finds the shipped English prompts in it by cross-correlation with the very WAVs Ramal ships: on entry
 * "You are caller number" then "two"; after the first caller hung up, the next announcement (5 s later)
 * says "one". A Spanish queue that says the wait tells a caller, once one call was answered quickly, "Su
 * posición en la fila es uno", "El tiempo estimado de espera es de un minuto".
 */
class QueuePositionAnnouncementTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration EVERY = Duration.ofSeconds(5);
  /** A shipped prompt as heard through G.711 and baresip: itself (mu-law prompts pass PCMU unchanged). */
  private static final double SAID = 0.95;
  /** Another word in its place. */
  private static final double NOT_SAID = 0.5;
  private final ShippedVoice voice = ShippedVoice.of(Language.EN);
  private final short[] callerNumber = voice.word("caller-number").orElseThrow().samples();
  private final short[] one = voice.word("one").orElseThrow().samples();
  private final short[] two = voice.word("two").orElseThrow().samples();
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeEach
  void start() {
    server = TestServer.start(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), Duration.ofSeconds(20));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void theSecondCallerHearsItIsCallerNumberTwoAndOnceTheFirstLeftNumberOne() {
    Answer created = api.call("POST", "/api/v1/queues", Optional.of(admin), Map.of("name", "sales", "number", "5000",
        "announce_position_every_s", EVERY.toSeconds(), "language", "en"));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String queue = "sip:5000@127.0.0.1:" + server.sipAddress().getPort();
    short[] heard;
    try (Baresip first = phone("1003").start(); Baresip second = phone("1004").start()) {
      first.awaitRegistered(WAIT);
      second.awaitRegistered(WAIT);
      first.dial(queue);
      first.awaitEvent("CALL_ESTABLISHED", WAIT);
      await().atMost(WAIT).until(() -> waiting() == 1);
      second.dial(queue);
      second.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(second, Duration.ofMillis(3500)); // its first announcement is over
      first.hangup();
      first.awaitEvent("CALL_CLOSED", WAIT);
      awaitHeard(second, EVERY.plusMillis(4000)); // the second one too
      heard = received(second).samples();
      second.hangup();
      second.awaitEvent("CALL_CLOSED", WAIT);
    }

    AudioMatch entry = AudioMatch.best(heard, callerNumber, Duration.ZERO, Duration.ofMillis(2500));
    AudioMatch next = AudioMatch.best(heard, callerNumber, entry.at().plusMillis(4000), entry.at().plusMillis(6000));
    assertThat(entry.score()).as("\"You are caller number\" on entry: " + entry).isGreaterThan(SAID);
    assertThat(next.score()).as("and again: " + next).isGreaterThan(SAID);
    assertThat(next.at().minus(entry.at())).as("every 5 s").isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500));

    Duration firstNumber = entry.at().plus(AudioMatch.length(callerNumber));
    AudioMatch twoFirst = numberAfter(heard, two, firstNumber);
    AudioMatch oneFirst = numberAfter(heard, one, firstNumber);
    assertThat(twoFirst.score()).as("\"two\" while the first caller waits: " + twoFirst).isGreaterThan(SAID);
    assertThat(oneFirst.score()).as("not \"one\": " + oneFirst).isLessThan(NOT_SAID);

    Duration secondNumber = next.at().plus(AudioMatch.length(callerNumber));
    AudioMatch oneNext = numberAfter(heard, one, secondNumber);
    AudioMatch twoNext = numberAfter(heard, two, secondNumber);
    assertThat(oneNext.score()).as("\"one\" once the first caller left: " + oneNext).isGreaterThan(SAID);
    assertThat(twoNext.score()).as("not \"two\": " + twoNext).isLessThan(NOT_SAID);
  }

  @Test
  void onceACallWasAnsweredASpanishQueueAlsoSaysTheEstimatedWaitRoundedUpToOneMinute() {
    Answer created = api.call("POST", "/api/v1/queues", Optional.of(admin), Map.of("name", "sales", "number", "5000"));
    assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
    String alice = api.accessToken("alice", "demo-alice");
    String queue = "sip:5000@127.0.0.1:" + server.sipAddress().getPort();
    ShippedVoice spanish = ShippedVoice.of(Language.ES);
    short[] estimatedWait = spanish.word("estimated-wait").orElseThrow().samples();
    short[] un = spanish.word("un").orElseThrow().samples();
    short[] minuto = spanish.word("minute").orElseThrow().samples();
    short[] minutos = spanish.word("minutes").orElseThrow().samples();
    short[] heard;
    try (Baresip agent = phone("1001").start(); Baresip caller = phone("1004").start()) {
      agent.awaitRegistered(WAIT);
      caller.awaitRegistered(WAIT);
      assertThat(api.call("POST", "/api/v1/agents/me/login", Optional.of(alice), Map.of("extension", "1001"))
          .status()).isEqualTo(201);
      assertThat(api.call("PUT", "/api/v1/queues/sales/members/me", Optional.of(alice), null).status()).isEqualTo(201);
      caller.dial(queue);
      agent.awaitEvent("CALL_ESTABLISHED", WAIT);
      caller.hangup();
      agent.awaitEvent("CALL_CLOSED", WAIT);
      await().atMost(WAIT).until(() -> stats().path("answered").asInt() == 1);
      assertThat(api.call("DELETE", "/api/v1/queues/sales/members/me", Optional.of(alice), null).status())
          .isEqualTo(204);
      Answer spoken = api.call("PATCH", "/api/v1/queues/sales", Optional.of(admin), Map.of("language", "es",
          "announce_wait", true, "announce_position_every_s", 30));
      assertThat(spoken.status()).as(spoken.json().toString()).isEqualTo(200);

      caller.dial(queue);
      caller.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(caller, Duration.ofMillis(6500));
      heard = received(caller).samples();
      caller.hangup();
      caller.awaitEvent("CALL_CLOSED", WAIT);
    }

    AudioMatch wait = AudioMatch.best(heard, estimatedWait, Duration.ZERO, Duration.ofMillis(4000));
    assertThat(wait.score()).as("\"El tiempo estimado de espera es de\": " + wait).isGreaterThan(SAID);
    Duration number = wait.at().plus(AudioMatch.length(estimatedWait));
    AudioMatch oneMinute = numberAfter(heard, un, number);
    assertThat(oneMinute.score()).as("\"un\": " + oneMinute).isGreaterThan(SAID);
    Duration unit = oneMinute.at().plus(AudioMatch.length(un));
    AudioMatch singular = numberAfter(heard, minuto, unit);
    AudioMatch plural = numberAfter(heard, minutos, unit);
    assertThat(singular.score()).as("\"minuto\": " + singular).isGreaterThan(SAID);
    assertThat(plural.score()).as("not \"minutos\": " + plural).isLessThan(singular.score());
  }

  /** The best match of {@code number} starting within 300 ms after the phrase before it ended. */
  private static AudioMatch numberAfter(short[] heard, short[] number, Duration phraseEnd) {
    return AudioMatch.best(heard, number, phraseEnd, phraseEnd.plusMillis(300));
  }

  private int waiting() {
    return stats().path("waiting").asInt();
  }

  private com.fasterxml.jackson.databind.JsonNode stats() {
    return api.get("/api/v1/queues/sales/stats", admin).json();
  }

  private Baresip.Builder phone(String user) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(1000);
  }
}
