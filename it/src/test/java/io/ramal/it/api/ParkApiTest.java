package io.ramal.it.api;

import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.heard;
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
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.call.ParkSettings;
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
 * Call park with real baresip phones on anchored media, each sending its own tone: a party parks
 * the call through the API (its phone is released, the other party hears music), another
 * extension takes it back through the API or by dialling the slot, and a call nobody takes back
 * rings the parker when the park timeout passes. Who hears whom is checked by frequency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParkApiTest {
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
  void everyRtpPortIsBackInThePoolAndNoSlotIsTaken() {
    rig.awaitEveryRtpPortBack();
    assertThat(api.get("/api/v1/parked", admin).json().path("parked")).isEmpty();
    server.ramal().pbx().parkWith(ParkSettings.DEFAULTS);
  }

  @Test
  void aParkedCallHearsMusicAndAnotherExtensionPicksItUpThroughTheApi() {
    try (EventStreamClient events = rig.subscribed("call.transferred", "call.held", "call.retrieved", "call.established",
        "connection.cleared");
        Baresip a = rig.phone("1001", 1000).start(); Baresip b = rig.phone("1002", 600).start();
        Baresip c = rig.phone("1003", 800).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);
      events.drain();

      Answer park = rig.command(callId, "park", Map.of("party", "1002"));
      assertThat(park.status()).as(park.json().toString()).isEqualTo(202);
      assertThat(park.json().path("slot").asText()).isEqualTo("701");
      b.awaitEvent("CALL_CLOSED", WAIT);
      Duration aAtPark = heard(a);
      JsonNode parked = api.get("/api/v1/parked", admin).json().path("parked");
      JsonNode snapshot = api.get("/api/v1/calls/" + callId, admin).json();
      Duration aBeforePickup = awaitHeard(a, aAtPark.plusMillis(2000));

      Answer pickup = api.call("POST", "/api/v1/parked/701/pickup", Optional.of(admin), Map.of("device", "1003"));
      assertThat(pickup.status()).as(pickup.json().toString()).isEqualTo(202);
      assertThat(pickup.json().path("call_id").asText()).isEqualTo(callId);
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration aAtPickup = heard(a);
      Duration aLater = awaitHeard(a, aAtPickup.plusMillis(2000));
      Duration cHeard = awaitHeard(c, Duration.ofMillis(1500));
      List<JsonNode> seen = events.eventsUntil(e -> e.path("type").asText().equals("call.retrieved"), WAIT);
      JsonNode afterPickup = api.get("/api/v1/parked", admin).json().path("parked");
      a.hangup();
      c.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(parked).hasSize(1);
      assertThat(parked.get(0).path("slot").asText()).isEqualTo("701");
      assertThat(parked.get(0).path("call_id").asText()).isEqualTo(callId);
      assertThat(parked.get(0).path("parked").asText()).isEqualTo("1001");
      assertThat(parked.get(0).path("parker").asText()).isEqualTo("1002");
      assertThat(parked.get(0).path("since").asText()).isNotBlank();
      assertThat(afterPickup).isEmpty();
      assertThat(snapshot.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
          .contains("1001 held");
      assertThat(seen).extracting(e -> e.path("type").asText() + " " + e.path("device").asText())
          .containsSubsequence("call.transferred 1002", "connection.cleared 1002", "call.held 1001",
              "call.established 1003", "call.retrieved 1001");

      Wav aHeard = received(a);
      ToneReport music = window(aHeard, aAtPark.plus(MARGIN), aBeforePickup);
      ToneReport after = window(aHeard, aAtPickup.plus(MARGIN), aLater);
      assertThat(music.rms()).as("the parked party hears music: " + music).isGreaterThan(0.005);
      assertThat(music.isToneOf(600, 40) || music.isToneOf(800, 40)).as("and no phone: " + music).isFalse();
      assertThat(after.isToneOf(800, 20)).as("1001 hears the picker 1003: " + after).isTrue();
      ToneReport cHears = window(received(c), MARGIN, cHeard);
      assertThat(cHears.isToneOf(1000, 20)).as("1003 hears the parked 1001: " + cHears).isTrue();
    }
  }

  @Test
  void aPhoneDiallingTheSlotTakesTheParkedCall() {
    try (Baresip a = rig.phone("1004", 1000).start(); Baresip b = rig.phone("1005", 600).start();
        Baresip c = rig.phone("1006", 800).start()) {
      c.awaitRegistered(WAIT);
      String callId = rig.connect(a, b);

      Answer park = rig.command(callId, "park", Map.of("party", "1005"));
      assertThat(park.status()).as(park.json().toString()).isEqualTo(202);
      String slot = park.json().path("slot").asText();
      b.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(c.dial("sip:" + slot + "@127.0.0.1").ok()).isTrue();
      c.awaitEvent("CALL_ESTABLISHED", WAIT);
      Duration aAtPickup = heard(a);
      Duration aLater = awaitHeard(a, aAtPickup.plusMillis(2000));
      Duration cHeard = awaitHeard(c, Duration.ofMillis(1500));
      JsonNode live = api.get("/api/v1/calls/" + callId, admin).json();
      c.hangup();
      a.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(live.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
          .containsExactlyInAnyOrder("1004 connected", "1006 connected");
      ToneReport after = window(received(a), aAtPickup.plus(MARGIN), aLater);
      assertThat(after.isToneOf(800, 20)).as("1004 hears 1006, who dialled the slot: " + after).isTrue();
      ToneReport cHears = window(received(c), MARGIN, cHeard);
      assertThat(cHears.isToneOf(1000, 20)).as("1006 hears the parked 1004: " + cHears).isTrue();
    }
  }

  @Test
  void dialingAnEmptySlotIsRefused() {
    try (Baresip c = rig.phone("1007", 800).start()) {
      c.awaitRegistered(WAIT);
      assertThat(c.dial("sip:719@127.0.0.1").ok()).isTrue();
      c.awaitEvent("CALL_CLOSED", WAIT);
      assertThat(c.events()).noneMatch(e -> e.toString().contains("CALL_ESTABLISHED"));
    }
  }

  @Test
  void aCallNobodyTakesBackRingsTheParkerWhenTheParkTimeoutPasses() {
    server.ramal().pbx().parkWith(new ParkSettings(701, 720, Duration.ofSeconds(3)));
    try (EventStreamClient events = rig.subscribed("call.established", "call.retrieved");
        Baresip a = rig.phone("1008", 1000).start(); Baresip b = rig.phone("1009", 600).start()) {
      String callId = rig.connect(a, b);
      events.drain();

      Answer park = rig.command(callId, "park", Map.of("party", "1009"));
      assertThat(park.status()).as(park.json().toString()).isEqualTo(202);
      b.awaitEvent("CALL_CLOSED", WAIT);
      b.awaitEvent("the parker's phone rings again and answers",
          e -> e.type().equals("CALL_ESTABLISHED") && b.events().stream()
              .filter(x -> x.type().equals("CALL_ESTABLISHED")).count() >= 2, WAIT);
      Duration aAtBack = heard(a);
      Duration aLater = awaitHeard(a, aAtBack.plusMillis(2000));
      JsonNode established = events.next(e -> e.path("type").asText().equals("call.established")
          && e.path("device").asText().equals("1009"), WAIT);
      a.hangup();
      b.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(established.path("call_id").asText()).isEqualTo(callId);
      ToneReport after = window(received(a), aAtBack.plus(MARGIN), aLater);
      assertThat(after.isToneOf(600, 20)).as("1008 hears the parker 1009 again: " + after).isTrue();
    }
  }

  @Test
  void parkRefusals() {
    try (Baresip a = rig.phone("1011", 1000).start(); Baresip b = rig.phone("1012", 600).start()) {
      String callId = rig.connect(a, b);
      assertThat(refusal(rig.command(callId, "park", Map.of("party", "1099")))).isEqualTo("404 party_not_found");
      assertThat(refusal(api.call("POST", "/api/v1/parked/712/pickup", Optional.of(admin), Map.of("device", "1013"))))
          .isEqualTo("404 not_found");
      Answer park = rig.command(callId, "park", Map.of("party", "1012"));
      assertThat(park.status()).isEqualTo(202);
      assertThat(refusal(rig.command(callId, "park", Map.of("party", "1011")))).isEqualTo("409 invalid_state");
      assertThat(refusal(rig.command(callId, "hold", Map.of("party", "1011")))).startsWith("409");
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), Map.of()).status()).isEqualTo(202);
      a.awaitEvent("CALL_CLOSED", WAIT);
    }
  }
}
