package io.ramal.it.api;

import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.heard;
import static io.ramal.it.harness.HeardAudio.hearsOnly;
import static io.ramal.it.harness.HeardAudio.received;
import static io.ramal.it.harness.HeardAudio.window;
import static io.ramal.it.harness.PhoneRig.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.PhoneRig;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ad-hoc conferences with real baresip phones on anchored media, each sending its own tone: a
 * consultation joined with the held call, a participant called into a call, a party leaving while
 * the others go on, a participant muted. What each phone received is checked for the tones of
 * every other party (and not its own), so the mixing is proven by ear. The tones (1000, 600 and
 * 850 Hz) are chosen so that no intermodulation product of two of them (the mixer's limiter makes
 * some when loud tones add up) falls on the third.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConferenceApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(700);
  private PhoneRig rig;
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeAll
  void start() {
    rig = new PhoneRig(TestServer.startWithTenants(demo -> demo, List.of(), Config.demo().media()));
    server = rig.server();
    api = rig.api();
    admin = rig.admin();
  }

  @AfterAll
  void stop() {
    if (rig != null) rig.close();
  }

  @AfterEach
  void everyRtpPortIsBackInThePool() {
    rig.awaitEveryRtpPortBack();
  }

  @Test
  void aConsultationJoinedWithTheHeldCallLetsAllThreeHearEachOtherUntilOneLeaves() {
    try (EventStreamClient events = rig.subscribed("call.conferenced", "connection.cleared");
        Baresip a = rig.phone("1001", 1000).start(); Baresip b = rig.phone("1002", 600).start();
        Baresip c = rig.phone("1003", 850).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();
      Answer consult = rig.command(callId, "consultations", Map.of("party", "1002", "to", "1003"));
      assertThat(consult.status()).as(consult.json().toString()).isEqualTo(202);
      String consultation = consult.json().path("consultation_id").asText();
      c.awaitEvent("CALL_ESTABLISHED", WAIT);

      Answer conference = rig.command(callId, "conference", Map.of("party", "1002", "consultation_id", consultation));
      assertThat(conference.status()).as(conference.json().toString()).isEqualTo(202);
      assertThat(conference.json().path("status").asText()).isEqualTo("conferencing");
      Duration aFrom = heard(a).plus(MARGIN);
      Duration bFrom = heard(b).plus(MARGIN);
      Duration cFrom = heard(c).plus(MARGIN);
      Duration aTo = awaitHeard(a, aFrom.plusMillis(1500));
      Duration bTo = awaitHeard(b, bFrom.plusMillis(1500));
      Duration cTo = awaitHeard(c, cFrom.plusMillis(1500));
      JsonNode live = api.get("/api/v1/calls/" + callId, admin).json();
      JsonNode conferenced = events.next(e -> e.path("type").asText().equals("call.conferenced"), WAIT);
      Answer hold = rig.command(callId, "hold", Map.of("party", "1001"));

      c.hangup();
      Duration aAfter = heard(a).plus(MARGIN);
      Duration aAfterTo = awaitHeard(a, aAfter.plusMillis(1500));
      JsonNode afterLeave = api.get("/api/v1/calls/" + callId, admin).json();
      a.hangup();
      b.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(conferenced.path("call_id").asText()).isEqualTo(callId);
      assertThat(conferenced.path("device").asText()).isEqualTo("1002");
      assertThat(conferenced.path("data").path("merged_call_id").asText()).isEqualTo(consultation);
      assertThat(live.path("conference").asBoolean()).isTrue();
      assertThat(live.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
          .containsExactlyInAnyOrder("1001 connected", "1002 connected", "1003 connected");
      assertThat(api.get("/api/v1/calls/" + consultation, admin).status()).as("the consultation call ended")
          .isEqualTo(404);
      assertThat(hold.status() + " " + hold.code()).as("no hold in a conference").isEqualTo("409 invalid_state");

      hearsOnly(a, aFrom, aTo, "1001", List.of(600.0, 850.0), List.of(1000.0));
      hearsOnly(b, bFrom, bTo, "1002", List.of(1000.0, 850.0), List.of(600.0));
      hearsOnly(c, cFrom, cTo, "1003", List.of(1000.0, 600.0), List.of(850.0));
      ToneReport twoAgain = window(received(a), aAfter, aAfterTo);
      assertThat(twoAgain.isToneOf(600, 20)).as("1003 left: 1001 hears only 1002 " + twoAgain).isTrue();
      assertThat(afterLeave.path("conference").asBoolean()).as("two parties: a plain call again").isFalse();
      assertThat(afterLeave.path("parties")).extracting(p -> p.path("device").asText())
          .containsExactlyInAnyOrder("1001", "1002");
    }
  }

  @Test
  void aParticipantCalledIntoTheCallJoinsAndTheOthersGoOnWhenTheCallerLeaves() {
    try (EventStreamClient events = rig.subscribed("call.delivered", "call.established", "call.conferenced",
        "call.muted", "connection.cleared");
        Baresip a = rig.phone("1004", 1000).start(); Baresip b = rig.phone("1005", 600).start();
        Baresip c = rig.phone("1006", 850).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();

      Answer add = rig.command(callId, "participants", Map.of("party", "1004", "to", "1006"));
      assertThat(add.status()).as(add.json().toString()).isEqualTo(202);
      assertThat(add.json().path("status").asText()).isEqualTo("calling_participant");
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      List<JsonNode> joined = events.eventsUntil(e -> e.path("type").asText().equals("call.conferenced"), WAIT);
      Duration aFrom = heard(a).plus(MARGIN);
      Duration aTo = awaitHeard(a, aFrom.plusMillis(1500));
      Duration cFrom = heard(c).plus(MARGIN);
      Duration cTo = awaitHeard(c, cFrom.plusMillis(1500));

      Answer mute = rig.command(callId, "mute", Map.of("party", "1006"));
      assertThat(mute.status()).as(mute.json().toString()).isEqualTo(202);
      JsonNode muted = events.next(e -> e.path("type").asText().equals("call.muted"), WAIT);
      Duration aMutedFrom = heard(a).plus(MARGIN);
      Duration aMutedTo = awaitHeard(a, aMutedFrom.plusMillis(1500));
      assertThat(rig.command(callId, "unmute", Map.of("party", "1006")).status()).isEqualTo(202);

      a.hangup();
      JsonNode aCleared = events.next(e -> e.path("type").asText().equals("connection.cleared"), WAIT);
      Duration bFrom = heard(b).plus(MARGIN);
      Duration bTo = awaitHeard(b, bFrom.plusMillis(1500));
      JsonNode twoLeft = api.get("/api/v1/calls/" + callId, admin).json();
      Answer drop = api.call("DELETE", "/api/v1/calls/" + callId + "/participants/1006", Optional.of(admin), Map.of());
      assertThat(drop.status()).as(drop.json().toString()).isEqualTo(202);
      c.awaitEvent("CALL_CLOSED", WAIT);
      b.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(joined).extracting(e -> e.path("type").asText() + " " + e.path("device").asText())
          .containsSubsequence("call.delivered 1006", "call.established 1006", "call.conferenced 1004");
      assertThat(joined).allSatisfy(e -> assertThat(e.path("call_id").asText()).isEqualTo(callId));
      hearsOnly(a, aFrom, aTo, "1004", List.of(600.0, 850.0), List.of(1000.0));
      hearsOnly(c, cFrom, cTo, "1006", List.of(1000.0, 600.0), List.of(850.0));
      assertThat(muted.path("device").asText()).isEqualTo("1006");
      hearsOnly(a, aMutedFrom, aMutedTo, "1004 while 1006 is muted", List.of(600.0), List.of(850.0, 1000.0));
      assertThat(aCleared.path("device").asText()).isEqualTo("1004");
      ToneReport bHears = window(received(b), bFrom, bTo);
      assertThat(bHears.isToneOf(850, 20)).as("1004 left: 1005 and 1006 talk on " + bHears).isTrue();
      assertThat(twoLeft.path("parties")).extracting(p -> p.path("device").asText())
          .containsExactlyInAnyOrder("1005", "1006");
    }
  }

  @Test
  void conferenceCommandsThatDoNotFitTheCallAreRefusedWithClearErrors() {
    try (Baresip a = rig.phone("1007", 1000).start(); Baresip b = rig.phone("1008", 600).start()) {
      String callId = rig.connect(a, b);

      assertThat(refusal(rig.command(callId, "conference", Map.of("party", "1008")))).as("no consultation to join")
          .isIn("404 not_found", "409 invalid_state");
      assertThat(refusal(rig.command(callId, "participants", Map.of("party", "1008")))).as("nobody to call")
          .isEqualTo("400 invalid_request");
      assertThat(refusal(rig.command(callId, "participants", Map.of("party", "1008", "to", "99"))))
          .as("an unknown number").isEqualTo("400 invalid_argument");
      assertThat(refusal(rig.command(callId, "participants", Map.of("party", "1008", "to", "1007"))))
          .as("a party of the call").isEqualTo("400 invalid_argument");
      assertThat(refusal(api.call("DELETE", "/api/v1/calls/" + callId + "/participants/1009", Optional.of(admin),
          Map.of()))).as("not a party").isEqualTo("404 not_found");
      Answer unreachable = rig.command(callId, "participants", Map.of("party", "1008", "to", "1009"));
      assertThat(unreachable.status()).as("1009 is not registered: accepted, the call goes on").isEqualTo(202);
      Duration aFrom = awaitHeard(a, heard(a).plusMillis(1500));
      Duration aTo = awaitHeard(a, aFrom.plusMillis(1000));
      a.hangup();
      b.awaitEvent("CALL_CLOSED", WAIT);

      ToneReport stillTalking = window(received(a), aFrom, aTo);
      assertThat(stillTalking.isToneOf(600, 20)).as("1007 still hears 1008 " + stillTalking).isTrue();
    }
  }
}
