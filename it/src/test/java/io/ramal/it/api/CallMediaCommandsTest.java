package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.heard;
import static io.ramal.it.harness.HeardAudio.received;
import static io.ramal.it.harness.HeardAudio.window;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.BaresipEvent;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.RtpSink;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.media.AnchoredMediaPlane;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.MediaConfig;
import io.ramal.server.config.StoreConfig;
import io.ramal.server.config.TenantConfig;
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
 * Hold, retrieve, mute, unmute and DTMF on live calls through the REST API, with real phones on
 * anchored media: what each party hears (tones and music checked in the audio baresip received),
 * the events an integrator gets, the digits the far end receives, and the refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallMediaCommandsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration MARGIN = Duration.ofMillis(600);
  private TestServer server;
  private ApiClient api;
  private String admin;
  private String acmeAdmin;
  private int portPairs;

  @BeforeAll
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), FreePorts.udpAndTcp(), List.of(acme));
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    acmeAdmin = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
    portPairs = media().availablePortPairs();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @AfterEach
  void everyRtpPortIsBackInThePool() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(media().availablePortPairs()).isEqualTo(portPairs));
  }

  @Test
  void anApiHoldPlaysMusicToTheHeldPartyAndSilenceToTheHolderUntilRetrieved() {
    String alice = api.accessToken("alice", "demo-alice");
    try (EventStreamClient events = subscribed(alice, "call.held", "call.retrieved");
        Baresip holder = phone("1001", 1000).start(); Baresip held = phone("1002", 600).start()) {
      String callId = connect(holder, held);
      Duration heldAtHold = awaitHeard(held, Duration.ofMillis(1500));
      Duration holderAtHold = awaitHeard(holder, Duration.ofMillis(1500));

      Answer hold = command(alice, callId, "hold", null);
      assertThat(hold.status()).as(hold.json().toString()).isEqualTo(202);
      assertThat(hold.json().path("status").asText()).isEqualTo("holding");
      JsonNode onHold = events.next("event", WAIT);
      Duration heldAtRetrieve = awaitHeard(held, heldAtHold.plusMillis(2500));
      Duration holderAtRetrieve = awaitHeard(holder, holderAtHold.plusMillis(2500));
      assertThat(command(alice, callId, "retrieve", null).status()).isEqualTo(202);
      JsonNode retrieved = events.next("event", WAIT);
      awaitHeard(held, heldAtRetrieve.plusMillis(2000));
      awaitHeard(holder, holderAtRetrieve.plusMillis(2000));
      holder.hangup();
      held.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(onHold.path("type").asText()).isEqualTo("call.held");
      assertThat(onHold.path("device").asText()).as("the device that holds").isEqualTo("1001");
      assertThat(onHold.path("data").path("party").path("state").asText()).isEqualTo("held");
      assertThat(onHold.path("data").path("party").path("capabilities").path("can_retrieve").asBoolean()).isTrue();
      assertThat(onHold.path("call").path("state").asText()).isEqualTo("held");
      assertThat(retrieved.path("type").asText()).isEqualTo("call.retrieved");
      assertThat(retrieved.path("device").asText()).isEqualTo("1001");
      assertThat(retrieved.path("data").path("party").path("state").asText()).isEqualTo("connected");

      Wav heldHeard = received(held);
      ToneReport heldBefore = window(heldHeard, Duration.ofMillis(300), heldAtHold.minusMillis(200));
      ToneReport music = window(heldHeard, heldAtHold.plus(MARGIN), heldAtRetrieve.minusMillis(200));
      ToneReport heldAfter = window(heldHeard, heldAtRetrieve.plus(MARGIN), heldAtRetrieve.plusMillis(1800));
      assertThat(heldBefore.isToneOf(1000, 20)).as("before the hold 1002 hears 1001: " + heldBefore).isTrue();
      assertThat(music.rms()).as("on hold 1002 hears music: " + music).isGreaterThan(0.005);
      assertThat(music.isToneOf(1000, 40)).as("on hold 1001 is not heard: " + music).isFalse();
      assertThat(music.isToneOf(600, 40)).as("nor its own tone: " + music).isFalse();
      assertThat(heldAfter.isToneOf(1000, 20)).as("after the retrieve: " + heldAfter).isTrue();

      Wav holderHeard = received(holder);
      ToneReport holderBefore = window(holderHeard, Duration.ofMillis(300), holderAtHold.minusMillis(200));
      ToneReport silence = window(holderHeard, holderAtHold.plus(MARGIN), holderAtRetrieve.minusMillis(200));
      ToneReport holderAfter = window(holderHeard, holderAtRetrieve.plus(MARGIN), holderAtRetrieve.plusMillis(1800));
      assertThat(holderBefore.isToneOf(600, 20)).as("1001 hears 1002 before: " + holderBefore).isTrue();
      assertThat(silence.analyzedSeconds()).as("RTP with silence keeps flowing to the holder").isGreaterThan(1.2);
      assertThat(silence.rms()).as("the holder hears silence: " + silence).isLessThan(0.001);
      assertThat(holderAfter.isToneOf(600, 20)).as("1001 hears 1002 after: " + holderAfter).isTrue();
    }
  }

  @Test
  void aMutedPartyIsNotHeardByTheOtherButStillHearsItUntilUnmuted() {
    String carol = api.accessToken("carol", "demo-carol");
    try (EventStreamClient events = subscribed(carol, "call.muted", "call.unmuted");
        Baresip muted = phone("1003", 1000).start(); Baresip other = phone("1004", 600).start()) {
      String callId = connect(muted, other);
      Duration otherAtMute = awaitHeard(other, Duration.ofMillis(1500));
      Duration mutedAtMute = awaitHeard(muted, Duration.ofMillis(1500));

      Answer mute = command(carol, callId, "mute", null);
      assertThat(mute.status()).as(mute.json().toString()).isEqualTo(202);
      JsonNode mutedEvent = events.next("event", WAIT);
      Duration otherAtUnmute = awaitHeard(other, otherAtMute.plusMillis(2500));
      Duration mutedAtUnmute = awaitHeard(muted, mutedAtMute.plusMillis(2500));
      assertThat(command(carol, callId, "unmute", Map.of("party", "1003")).status()).isEqualTo(202);
      JsonNode unmutedEvent = events.next("event", WAIT);
      awaitHeard(other, otherAtUnmute.plusMillis(2000));
      muted.hangup();
      other.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(mutedEvent.path("type").asText()).isEqualTo("call.muted");
      assertThat(mutedEvent.path("device").asText()).isEqualTo("1003");
      JsonNode party = mutedEvent.path("data").path("party");
      assertThat(party.path("muted").asBoolean()).isTrue();
      assertThat(party.path("state").asText()).isEqualTo("connected");
      assertThat(party.path("capabilities").path("can_mute").asBoolean()).isFalse();
      assertThat(party.path("capabilities").path("can_unmute").asBoolean()).isTrue();
      assertThat(unmutedEvent.path("type").asText()).isEqualTo("call.unmuted");
      assertThat(unmutedEvent.path("data").path("party").path("muted").asBoolean()).isFalse();

      Wav otherHeard = received(other);
      ToneReport before = window(otherHeard, Duration.ofMillis(300), otherAtMute.minusMillis(200));
      ToneReport during = window(otherHeard, otherAtMute.plus(MARGIN), otherAtUnmute.minusMillis(200));
      ToneReport after = window(otherHeard, otherAtUnmute.plus(MARGIN), otherAtUnmute.plusMillis(1800));
      assertThat(before.isToneOf(1000, 20)).as("1004 hears 1003 before: " + before).isTrue();
      assertThat(during.analyzedSeconds()).isGreaterThan(1.2);
      assertThat(during.rms()).as("1003's tone does not reach 1004 while muted: " + during).isLessThan(0.001);
      assertThat(after.isToneOf(1000, 20)).as("1004 hears 1003 after the unmute: " + after).isTrue();
      ToneReport mutedHears = window(received(muted), mutedAtMute.plus(MARGIN), mutedAtUnmute.minusMillis(200));
      assertThat(mutedHears.isToneOf(600, 20)).as("the muted party still hears 1004: " + mutedHears).isTrue();
    }
  }

  @Test
  void digitsSentThroughTheApiReachTheOtherPhoneAsTelephoneEvents() {
    try (Baresip sender = phone("1007", 1000).start(); Baresip receiver = phone("1008", 600).start()) {
      String callId = connect(sender, receiver);

      Answer sent = command(admin, callId, "dtmf", Map.of("party", "1007", "digits", "159#*d0"));
      assertThat(sent.status()).as(sent.json().toString()).isEqualTo(202);
      assertThat(sent.json().path("status").asText()).isEqualTo("sending_dtmf");
      StringBuilder heard = new StringBuilder();
      for (int i = 0; i < 7; i++) heard.append(receiver.awaitEvent("CALL_DTMF_START", WAIT).param());
      await().atMost(WAIT).until(() -> receiver.events().stream().filter(e -> e.type().equals("CALL_DTMF_END")).count() >= 7);
      sender.hangup();
      receiver.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(heard.toString()).isEqualTo("159#*D0");
      assertThat(receiver.events().stream().filter(e -> e.type().equals("CALL_DTMF_START")).map(BaresipEvent::param))
          .as("exactly the digits sent, once each").hasSize(7);
      assertThat(sender.events()).noneMatch(e -> e.type().equals("CALL_DTMF_START"));
    }
  }

  @Test
  void digitsReachALegWithoutTelephoneEventAsInBandTones() {
    try (RtpSink caller = new RtpSink();
        Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1010", "demo1010"),
            CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(WAIT);
      Sipp phone = Sipp.builder(SippScenario.resource("uac-media-at-port-expect-bye.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1009", "demo1009")).service("1010").keyword("rtp_port", Integer.toString(caller.port()))
          .start();
      String callId = callOf("1009");

      Answer sent = command(admin, callId, "dtmf", Map.of("party", "1010", "digits", "147*2580#",
          "duration_ms", 80, "gap_ms", 60));
      assertThat(sent.status()).as(sent.json().toString()).isEqualTo(202);
      String heard = caller.awaitInBandDigits(9, WAIT);
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      phone.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();

      assertThat(heard).isEqualTo("147*2580#");
      assertThat(caller.packets()).as("audio only: the leg has no telephone-event")
          .allMatch(p -> p.payloadType() == 0);
    }
  }

  @Test
  void commandsThatDoNotFitTheCallAreRefusedWithClearErrors() {
    String bob = api.accessToken("bob", "demo-bob");
    try (EventStreamClient events = subscribed(admin, "call.held", "call.retrieved");
        Baresip caller = phone("1005", 1000).start();
        Baresip callee = phone("1006", 600).answerMode(Baresip.AnswerMode.MANUAL).start()) {
      caller.awaitRegistered(WAIT);
      callee.awaitRegistered(WAIT);
      assertThat(caller.dial("sip:1006@127.0.0.1").ok()).isTrue();
      callee.awaitEvent("CALL_INCOMING", WAIT);
      String callId = callOf("1005");
      await().atMost(WAIT).until(() -> state(callId).equals("alerting"));

      Answer ringing = command(admin, callId, "hold", Map.of("party", "1005"));
      assertThat(ringing.status()).isEqualTo(409);
      assertThat(ringing.code()).isEqualTo("invalid_state");
      assertThat(callee.accept().ok()).isTrue();
      caller.awaitEvent("CALL_ESTABLISHED", WAIT);
      await().atMost(WAIT).until(() -> state(callId).equals("connected"));

      assertThat(command(admin, callId, "hold", null).code()).as("two devices: name one").isEqualTo("party_required");
      assertThat(refusal(command(admin, callId, "dtmf", Map.of("party", "1005", "digits", "12x")))).isEqualTo("400 invalid_argument");
      assertThat(refusal(command(admin, callId, "dtmf", Map.of("party", "1005", "digits", "1".repeat(65)))))
          .isEqualTo("400 invalid_argument");
      assertThat(refusal(command(admin, callId, "dtmf", Map.of("party", "1005", "digits", "1", "duration_ms", 10))))
          .isEqualTo("400 invalid_argument");
      assertThat(refusal(command(admin, callId, "hold", Map.of("party", "1099")))).isEqualTo("404 party_not_found");
      assertThat(refusal(command(acmeAdmin, callId, "hold", Map.of("party", "1005")))).as("another tenant's call")
          .isEqualTo("404 call_not_found");
      assertThat(refusal(command(bob, callId, "mute", null))).as("an agent not in the call").isEqualTo("404 call_not_found");
      long version = api.get("/api/v1/calls/" + callId, admin).json().path("version").asLong();
      Answer stale = api.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(admin), Map.of("party", "1005"),
          Map.of("If-Match", "\"" + (version - 1) + "\""));
      assertThat(refusal(stale)).isEqualTo("412 version_mismatch");
      assertThat(refusal(command(admin, callId, "retrieve", Map.of("party", "1005")))).isEqualTo("409 invalid_state");

      assertThat(caller.command("hold").ok()).isTrue();
      JsonNode phoneHold = events.next("event", WAIT);
      assertThat(phoneHold.path("type").asText()).isEqualTo("call.held");
      assertThat(phoneHold.path("data").path("party").path("capabilities").path("can_retrieve").asBoolean())
          .as("a hold the phone made is retrieved from the phone").isFalse();
      Answer fight = command(admin, callId, "retrieve", Map.of("party", "1005"));
      assertThat(refusal(fight)).isEqualTo("409 invalid_state");
      assertThat(fight.json().path("message").asText()).contains("from the phone");
      assertThat(refusal(command(admin, callId, "hold", Map.of("party", "1005")))).isEqualTo("409 invalid_state");
      assertThat(caller.command("resume").ok()).isTrue();
      assertThat(events.next("event", WAIT).path("type").asText()).isEqualTo("call.retrieved");

      assertThat(command(admin, callId, "hold", Map.of("party", "1005")).status()).isEqualTo(202);
      assertThat(events.next("event", WAIT).path("data").path("party").path("capabilities").path("can_retrieve")
          .asBoolean()).isTrue();
      // The phone holds too, under the server's hold: whether its re-INVITE reaches Ramal before or
      // after the retrieve, the integrator sees the server's hold end and the phone's own hold remain.
      assertThat(caller.command("hold").ok()).isTrue();
      assertThat(command(admin, callId, "retrieve", Map.of("party", "1005")).status()).isEqualTo(202);
      List<JsonNode> handedOver = List.of(events.next("event", WAIT), events.next("event", WAIT));
      assertThat(handedOver).extracting(e -> e.path("type").asText()).containsExactly("call.retrieved", "call.held");
      assertThat(handedOver.get(1).path("data").path("party").path("capabilities").path("can_retrieve").asBoolean())
          .as("the phone's own hold remains").isFalse();
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      caller.awaitEvent("CALL_CLOSED", WAIT);
      callee.awaitEvent("CALL_CLOSED", WAIT);
    }
  }

  @Test
  void aCallWithDirectMediaRefusesMediaCommandsWithAReason() {
    MediaConfig direct = new MediaConfig(false, "127.0.0.1", Optional.empty(), 20000, 20999, Duration.ofSeconds(60));
    try (TestServer directServer = TestServer.start(FreePorts.udpAndTcp(), TestServer.localTrunk(FreePorts.udpAndTcp()),
        Duration.ofSeconds(5), StoreConfig.EMBEDDED, direct);
        Sipp callee = SippPeers.registeredCallee(directServer.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer()).start()) {
      ApiClient directApi = new ApiClient(directServer.httpPort());
      String directAdmin = directApi.accessToken("admin", "demo-admin");
      callee.awaitRegistered(WAIT);
      Sipp phone = Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(directServer.sipAddress())
          .accounts(new SipAccount("1001", "demo1001")).service("1002").start();
      String callId = await().atMost(WAIT).until(() -> directApi.get("/api/v1/calls", directAdmin).json().path("calls"),
          calls -> calls.size() == 1 && calls.get(0).path("state").asText().equals("connected"))
          .get(0).path("call_id").asText();

      Answer hold = directApi.call("POST", "/api/v1/calls/" + callId + "/hold", Optional.of(directAdmin),
          Map.of("party", "1001"));
      Answer mute = directApi.call("POST", "/api/v1/calls/" + callId + "/mute", Optional.of(directAdmin),
          Map.of("party", "1002"));
      assertThat(directApi.call("DELETE", "/api/v1/calls/" + callId, Optional.of(directAdmin), null).status())
          .isEqualTo(202);
      phone.awaitExit(WAIT).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();

      assertThat(refusal(hold)).isEqualTo("409 not_supported_by_device");
      assertThat(hold.json().path("message").asText()).contains("directly between the phones");
      assertThat(refusal(mute)).isEqualTo("409 not_supported_by_device");
    }
  }

  // ---- helpers ----

  private AnchoredMediaPlane media() {
    return (AnchoredMediaPlane) server.ramal().media();
  }

  private Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }

  private EventStreamClient subscribed(String token, String... types) {
    return LiveCalls.subscribed(server.httpPort(), token, types);
  }

  private String connect(Baresip caller, Baresip callee) {
    return LiveCalls.connect(api, admin, caller, callee);
  }

  private String callOf(String caller) {
    return LiveCalls.callOf(api, admin, caller);
  }

  private String state(String callId) {
    return LiveCalls.state(api, admin, callId);
  }

  private Answer command(String token, String callId, String command, Map<String, Object> body) {
    return api.call("POST", "/api/v1/calls/" + callId + "/" + command, Optional.of(token), body);
  }

  private static String refusal(Answer answer) {
    return answer.status() + " " + answer.code();
  }
}
