package io.ramal.it.api;

import static io.ramal.it.harness.PhoneRig.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.heard;
import static io.ramal.it.harness.HeardAudio.received;
import static io.ramal.it.harness.HeardAudio.window;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.PhoneRig;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.harness.Wav;
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
 * Blind transfer (through the API and by a phone's REFER) and consultation with complete and
 * cancel, with three real baresip phones on anchored media, each sending its own tone: who ends
 * up hearing whom (checked by frequency in what each phone received), which phone is released,
 * and the events an integrator follows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransferApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(700);
  private PhoneRig rig;
  private TestServer server;
  private ApiClient api;
  private String admin;

  @BeforeAll
  void start() {
    rig = new PhoneRig(TestServer.startWithTenants(PhoneRig.withExtensions(1011, 1020), List.of(), Config.demo().media()));
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
  void aBlindTransferThroughTheApiReleasesTheTransferringPhoneAndConnectsTheOtherToTheTarget() {
    try (EventStreamClient events = rig.subscribed("call.transferred", "call.delivered", "call.established",
        "connection.cleared");
        Baresip a = rig.phone("1001", 1000).start(); Baresip b = rig.phone("1002", 600).start();
        Baresip c = rig.phone("1003", 800).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();
      Duration aAtTransfer = awaitHeard(a, Duration.ofMillis(1500));

      Answer transfer = rig.command(callId, "transfer", Map.of("party", "1002", "to", "1003"));
      assertThat(transfer.status()).as(transfer.json().toString()).isEqualTo(202);
      assertThat(transfer.json().path("status").asText()).isEqualTo("transferring");
      b.awaitEvent("CALL_CLOSED", WAIT);
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration aAtTarget = heard(a);
      Duration aLater = awaitHeard(a, aAtTarget.plusMillis(2000));
      JsonNode live = api.get("/api/v1/calls/" + callId, admin).json();
      a.hangup();
      c.awaitEvent("CALL_CLOSED", WAIT);

      List<JsonNode> seen = events.eventsUntil(e -> e.path("type").asText().equals("call.established")
          && e.path("device").asText().equals("1003"), WAIT);
      assertThat(seen).extracting(e -> e.path("type").asText() + " " + e.path("device").asText())
          .containsSubsequence("call.transferred 1002", "connection.cleared 1002", "call.delivered 1003",
              "call.established 1003");
      assertThat(seen.getFirst().path("call_id").asText()).isEqualTo(callId);
      assertThat(live.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
          .containsExactlyInAnyOrder("1001 connected", "1003 connected");

      Wav aHeard = received(a);
      ToneReport before = window(aHeard, Duration.ofMillis(300), aAtTransfer.minusMillis(200));
      ToneReport after = window(aHeard, aAtTarget.plus(MARGIN), aLater);
      assertThat(before.isToneOf(600, 20)).as("1001 hears 1002 before: " + before).isTrue();
      assertThat(after.isToneOf(800, 20)).as("1001 hears the target 1003: " + after).isTrue();
      ToneReport cHears = window(received(c), Duration.ofMillis(MARGIN.toMillis()), Duration.ofMillis(1500));
      assertThat(cHears.isToneOf(1000, 20)).as("1003 hears 1001: " + cHears).isTrue();
    }
  }

  @Test
  void aPhonesReferTransfersTheCallAndTheRamalNotifiesItsProgress() {
    try (EventStreamClient events = rig.subscribed("call.transferred", "call.established");
        Baresip a = rig.phone("1004", 1000).start(); Baresip b = rig.phone("1005", 600).sipTrace().start();
        Baresip c = rig.phone("1006", 800).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();

      assertThat(b.command("transfer", "sip:1006@127.0.0.1").ok()).isTrue();
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      b.awaitEvent("CALL_CLOSED", WAIT);
      Duration aAtTarget = heard(a);
      Duration aLater = awaitHeard(a, aAtTarget.plusMillis(2000));
      JsonNode transferred = events.next(e -> e.path("type").asText().equals("call.transferred"), WAIT);
      a.hangup();
      c.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(transferred.path("device").asText()).isEqualTo("1005");
      assertThat(transferred.path("call_id").asText()).isEqualTo(callId);
      ToneReport after = window(received(a), aAtTarget.plus(MARGIN), aLater);
      assertThat(after.isToneOf(800, 20)).as("1004 hears 1006 after 1005's REFER: " + after).isTrue();
      assertThat(b.log()).as("1005 got REFER accepted and NOTIFYs with the target's progress")
          .contains("SIP/2.0 202 Accepted", "Event: refer", "SIP/2.0 100 Trying", "terminated;reason=noresource");
    }
  }

  @Test
  void aConsultationHoldsTheCallTalksToTheTargetAndCompletesIntoATransfer() {
    try (EventStreamClient events = rig.subscribed("call.originated", "call.held", "call.transferred",
        "call.established");
        Baresip a = rig.phone("1007", 1000).start(); Baresip b = rig.phone("1008", 600).start();
        Baresip c = rig.phone("1009", 800).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();
      Duration aAtConsult = awaitHeard(a, Duration.ofMillis(1500));
      Duration bAtConsult = awaitHeard(b, Duration.ofMillis(1500));

      Answer consult = rig.command(callId, "consultations", Map.of("party", "1008", "to", "1009"));
      assertThat(consult.status()).as(consult.json().toString()).isEqualTo(202);
      String consultation = consult.json().path("consultation_id").asText();
      assertThat(consultation).isNotBlank().isNotEqualTo(callId);
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration bAtTarget = heard(b);
      Duration aAtComplete = awaitHeard(a, aAtConsult.plusMillis(2500));
      awaitHeard(b, bAtTarget.plusMillis(1500));
      JsonNode consultCall = api.get("/api/v1/calls/" + consultation, admin).json();

      Answer complete = api.call("POST", "/api/v1/calls/" + callId + "/consultations/" + consultation + "/complete",
          Optional.of(admin), Map.of("party", "1008"));
      assertThat(complete.status()).as(complete.json().toString()).isEqualTo(202);
      b.awaitEvent("CALL_CLOSED", WAIT);
      Duration aLater = awaitHeard(a, aAtComplete.plusMillis(2000));
      Answer again = api.call("POST", "/api/v1/calls/" + callId + "/consultations/" + consultation + "/complete",
          Optional.of(admin), Map.of("party", "1008"));
      List<JsonNode> seen = events.eventsUntil(e -> e.path("type").asText().equals("call.transferred"), WAIT);
      a.hangup();
      c.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(consultCall.path("consultation_of").asText()).isEqualTo(callId);
      assertThat(consultCall.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
          .containsExactlyInAnyOrder("1008 connected", "1009 connected");
      assertThat(seen).extracting(e -> e.path("type").asText() + " " + e.path("device").asText())
          .containsSubsequence("call.held 1008", "call.originated 1008", "call.established 1009",
              "call.transferred 1008");
      assertThat(again.status()).as("the consultation is over: " + again.json()).isIn(404, 409);

      Wav aHeard = received(a);
      ToneReport music = window(aHeard, aAtConsult.plus(MARGIN), aAtComplete.minusMillis(300));
      ToneReport after = window(aHeard, aAtComplete.plus(Duration.ofMillis(1200)), aLater);
      assertThat(music.rms()).as("the held party hears music: " + music).isGreaterThan(0.005);
      assertThat(music.isToneOf(600, 40) || music.isToneOf(800, 40)).as("and neither phone: " + music).isFalse();
      assertThat(after.isToneOf(800, 20)).as("after the transfer 1007 hears 1009: " + after).isTrue();
      ToneReport bConsulting = window(received(b), bAtTarget.plus(MARGIN), bAtTarget.plusMillis(1500));
      assertThat(bConsulting.isToneOf(800, 20)).as("the consulting 1008 hears 1009: " + bConsulting).isTrue();
      assertThat(bAtConsult).isPositive();
    }
  }

  @Test
  void aCancelledConsultationReturnsToTheHeldCall() {
    try (EventStreamClient events = rig.subscribed("call.retrieved", "connection.cleared");
        Baresip a = rig.phone("1011", 1000).start(); Baresip b = rig.phone("1012", 600).start();
        Baresip c = rig.phone("1013", 800).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();

      Answer consult = rig.command(callId, "consultations", Map.of("party", "1012", "to", "1013"));
      assertThat(consult.status()).as(consult.json().toString()).isEqualTo(202);
      String consultation = consult.json().path("consultation_id").asText();
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      awaitHeard(b, heard(b).plusMillis(1000));

      Answer cancel = api.call("DELETE", "/api/v1/calls/" + callId + "/consultations/" + consultation,
          Optional.of(admin), Map.of("party", "1012"));
      assertThat(cancel.status()).as(cancel.json().toString()).isEqualTo(202);
      c.awaitEvent("CALL_CLOSED", WAIT);
      Duration aAtCancel = heard(a);
      Duration aLater = awaitHeard(a, aAtCancel.plusMillis(2000));
      JsonNode retrieved = events.next(e -> e.path("type").asText().equals("call.retrieved"), WAIT);
      a.hangup();
      b.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(retrieved.path("device").asText()).isEqualTo("1012");
      assertThat(retrieved.path("call_id").asText()).isEqualTo(callId);
      ToneReport after = window(received(a), aAtCancel.plus(MARGIN), aLater);
      assertThat(after.isToneOf(600, 20)).as("1011 hears 1012 again: " + after).isTrue();
      assertThat(api.get("/api/v1/calls/" + consultation, admin).status()).as("the consultation call ended")
          .isEqualTo(404);
    }
  }

  @Test
  void transfersThatDoNotFitTheCallAreRefusedWithClearErrors() {
    try (Baresip a = rig.phone("1014", 1000).start(); Baresip b = rig.phone("1015", 600).start()) {
      String callId = rig.connect(a, b);

      assertThat(refusal(rig.command(callId, "transfer", Map.of("party", "1015")))).as("no target")
          .isEqualTo("400 invalid_request");
      assertThat(refusal(rig.command(callId, "transfer", Map.of("party", "1015", "to", "99")))).as("unknown target")
          .isEqualTo("400 invalid_argument");
      assertThat(refusal(rig.command(callId, "transfer", Map.of("party", "1015", "to", "1014")))).as("a party of the call")
          .isEqualTo("400 invalid_argument");
      Answer unknown = api.call("POST", "/api/v1/calls/" + callId + "/consultations/nope/complete", Optional.of(admin),
          Map.of("party", "1015"));
      assertThat(unknown.status()).as(unknown.json().toString()).isIn(404, 409);
      long version = api.get("/api/v1/calls/" + callId, admin).json().path("version").asLong();
      Answer stale = api.call("POST", "/api/v1/calls/" + callId + "/transfer", Optional.of(admin),
          Map.of("party", "1015", "to", "1016"), Map.of("If-Match", "\"" + (version - 1) + "\""));
      assertThat(refusal(stale)).isEqualTo("412 version_mismatch");
      Answer unreachable = rig.command(callId, "transfer", Map.of("party", "1015", "to", "1016"));
      assertThat(unreachable.status()).as("1016 is not registered: accepted, then the call fails").isEqualTo(202);
      a.awaitEvent("CALL_CLOSED", WAIT);
      b.awaitEvent("CALL_CLOSED", WAIT);
    }
  }
}
