package io.ramal.it.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.ApiClient.Answer;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.Tone;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.media.AnchoredMediaPlane;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.MediaConfig;
import io.ramal.server.config.StoreConfig;
import io.ramal.server.config.TenantConfig;
import io.ramal.store.CallDisposition;
import io.ramal.store.CallRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Click-to-call through the running server ({@code POST /api/v1/calls}) with real phones: the
 * caller's own phone rings first with an auto-answer hint, then the destination (an extension or
 * a trunk number), and the two hear each other through Ramal; the event stream tells each step,
 * the CDR the outcome, and an API hang-up ends both legs. Each test uses its own extensions, so
 * one server serves them all (its no-answer timeout is 5 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickToCallTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String EXTERNAL = "+5511955554444";
  private TestServer server;
  private int trunkPort;
  private ApiClient api;
  private AnchoredMediaPlane media;
  private int freePortPairs;
  private String admin;

  @BeforeAll
  void startServer() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    trunkPort = FreePorts.udpAndTcp();
    server = TestServer.startWithTenants(FreePorts.udpAndTcp(), trunkPort, List.of(acme));
    api = new ApiClient(server.httpPort());
    media = (AnchoredMediaPlane) server.ramal().media();
    freePortPairs = media.availablePortPairs();
    admin = api.accessToken("admin", "demo-admin");
  }

  @AfterAll
  void stopServer() {
    if (server != null) server.close();
  }

  @AfterEach
  void nothingIsLeftBehind() {
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(server.ramal().pbx().activeCalls()).isZero();
      assertThat(media.availablePortPairs()).isEqualTo(freePortPairs);
    });
  }

  @Test
  void theOwnPhoneRingsWithAnAutoAnswerHintThenTheDestinationAndBothHearEachOther() {
    try (EventStreamClient events = subscribe(api.accessToken("alice", "demo-alice"));
        Baresip alice = Baresip.builder("1001").registrar(server.sipAddress(), "demo1001").tone(1000).sipTrace().start();
        Sipp bob = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1002", "demo1002"),
            CalleeBehavior.answer()).callDuration(Duration.ofMillis(300)).rtpEcho().start()) {
      alice.awaitRegistered(WAIT);
      bob.awaitRegistered(WAIT);
      awaitRegistered(events, "1001", "1002");

      Answer placed = api.call("POST", "/api/v1/calls", Optional.of(api.accessToken("alice", "demo-alice")),
          Map.of("to", "1002"));
      assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
      assertThat(placed.json().path("status").asText()).isEqualTo("originating");
      String callId = placed.json().path("call_id").asText();

      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      List<JsonNode> setUp = events.eventsUntil(of(callId, "call.established", "1002"), WAIT);
      // Let Alice's tone cross Ramal to Bob's phone, which echoes it back to her through Ramal.
      alice.awaitEvent("CALL_RTPESTAB", WAIT);
      sleepWhileAudioFlows();
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);

      alice.awaitEvent("CALL_CLOSED", WAIT);
      bob.awaitExit(WAIT).requireSuccess();
      List<JsonNode> cleared = events.eventsUntil(clearedTwice(callId), WAIT);

      assertThat(trace(callId, setUp, cleared)).containsExactly("call.originated@1001", "call.established@1001",
          "call.delivered@1002", "call.established@1002", "connection.cleared@1002", "connection.cleared@1001");
      JsonNode originated = setUp.stream().filter(of(callId, "call.originated", "1001")).findFirst().orElseThrow();
      assertThat(originated.path("caller_number").asText()).isEqualTo("1001");
      assertThat(originated.path("callee_number").asText()).isEqualTo("1002");
      assertThat(originated.path("direction").asText()).isEqualTo("internal");

      assertThat(alice.log()).as("the INVITE to Alice's own phone asks it to answer by itself")
          .contains("answer-after=0").contains("info=alert-autoanswer");
      ToneReport heard = Tone.analyze(alice.awaitReceivedAudio(WAIT), Duration.ofMillis(500), Duration.ofMillis(200));
      assertThat(heard.isToneOf(1000, 20)).as("Alice hears her tone come back from Bob's phone: " + heard).isTrue();
    }
    CallRecord record = recordOf("1001", "1002");
    assertThat(record.direction().name()).isEqualTo("INTERNAL");
    assertThat(record.disposition()).isEqualTo(CallDisposition.ANSWERED);
    assertThat(record.cause()).isEqualTo("hung up through the API");
  }

  @Test
  void anExternalNumberIsCalledThroughTheTrunkOnceTheOwnPhoneAnswered() {
    try (EventStreamClient events = subscribe(admin);
        Sipp carol = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1003", "demo1003"),
            CalleeBehavior.answer()).start();
        Sipp trunk = SippPeers.callee(CalleeBehavior.answer()).localPort(trunkPort).callDuration(Duration.ofMillis(200))
            .start()) {
      carol.awaitRegistered(WAIT);
      trunk.awaitListening(WAIT);
      awaitRegistered(events, "1003");

      Answer placed = api.call("POST", "/api/v1/calls", Optional.of(api.accessToken("carol", "demo-carol")),
          Map.of("to", EXTERNAL));
      assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
      String callId = placed.json().path("call_id").asText();
      List<JsonNode> setUp = events.eventsUntil(of(callId, "call.established", EXTERNAL), WAIT);
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      carol.awaitExit(WAIT).requireSuccess();
      String invite = trunk.awaitExit(WAIT).requireSuccess().messageLog();
      List<JsonNode> cleared = events.eventsUntil(clearedTwice(callId), WAIT);

      assertThat(trace(callId, setUp, cleared)).containsExactly("call.originated@1003", "call.established@1003",
          "call.delivered@" + EXTERNAL, "call.established@" + EXTERNAL, "connection.cleared@" + EXTERNAL,
          "connection.cleared@1003");
      assertThat(setUp.stream().filter(e -> callId.equals(e.path("call_id").asText())).findFirst().orElseThrow()
          .path("direction").asText()).isEqualTo("outbound");
      assertThat(invite).as("the trunk sees the extension as the caller").contains("INVITE sip:" + EXTERNAL + "@")
          .contains("Extension 1003").contains("<sip:1003@127.0.0.1>");
    }
    CallRecord record = recordOf("1003", EXTERNAL);
    assertThat(record.direction().name()).isEqualTo("OUTBOUND");
    assertThat(record.disposition()).isEqualTo(CallDisposition.ANSWERED);
  }

  @Test
  void anOwnPhoneThatDeclinesFailsTheCallAndTheDestinationIsNeverCalled() {
    try (EventStreamClient events = subscribe(admin);
        Sipp own = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1004", "demo1004"),
            CalleeBehavior.busy()).start();
        Sipp destination = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1005", "demo1005"),
            CalleeBehavior.answer()).start()) {
      own.awaitRegistered(WAIT);
      destination.awaitRegistered(WAIT);
      awaitRegistered(events, "1004", "1005");

      Answer placed = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1004", "to", "1005"));
      assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
      String callId = placed.json().path("call_id").asText();
      List<JsonNode> all = events.eventsUntil(of(callId, "connection.cleared", "1004"), WAIT);
      own.awaitExit(WAIT).requireSuccess();

      assertThat(trace(callId, all)).containsExactly("call.originated@1004", "call.failed@1004",
          "connection.cleared@1004");
      JsonNode failed = all.stream().filter(of(callId, "call.failed", "1004")).findFirst().orElseThrow();
      assertThat(failed.path("data").path("cause").asText()).isEqualTo("busy");
      CallRecord record = recordOf("1004", "1005");
      assertThat(record.disposition()).isEqualTo(CallDisposition.BUSY);
      assertThat(record.cause()).startsWith("486 Busy Here");
      assertThat(destination.messageLog()).as("the call ended before the destination was called")
          .doesNotContain("INVITE sip:");
    }
  }

  @Test
  void aDoubleClickWithOneIdempotencyKeyPlacesOneCallAndAnswersBothClicksAlike() throws Exception {
    try (EventStreamClient events = subscribe(admin);
        Sipp own = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1004", "demo1004"),
            CalleeBehavior.busy()).start()) {
      own.awaitRegistered(WAIT); // 1004 may be registered from an earlier test: no device.registered to wait for
      Map<String, String> key = Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());

      var clicks = java.util.stream.IntStream.range(0, 2).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(
          () -> api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1004", "to", "1010"), key)))
          .toList();
      Answer first = clicks.get(0).get(20, java.util.concurrent.TimeUnit.SECONDS);
      Answer second = clicks.get(1).get(20, java.util.concurrent.TimeUnit.SECONDS);
      String callId = first.json().path("call_id").asText();
      events.eventsUntil(of(callId, "connection.cleared", "1004"), WAIT);
      own.awaitExit(WAIT).requireSuccess();
      Answer later = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1004", "to", "1010"), key);

      assertThat(List.of(first.status(), second.status(), later.status())).containsOnly(202);
      assertThat(second.json()).isEqualTo(first.json());
      assertThat(later.json()).as("a retry after the call ended still gets the first answer").isEqualTo(first.json());
      recordOf("1004", "1010");
      assertThat(server.callRecords().stream().filter(r -> r.caller().equals("1004") && r.callee().equals("1010")))
          .as("one call was placed").hasSize(1);
      assertThat(own.messageLog().split("INVITE sip:", -1)).as("the own phone was rung once").hasSize(2);
    }
  }

  @Test
  void aDestinationThatDoesNotAnswerInTimeIsGivenUpAndTheOwnPhoneHungUp() {
    try (EventStreamClient events = subscribe(admin);
        Sipp own = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1006", "demo1006"),
            CalleeBehavior.answer()).start();
        Sipp destination = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1007", "demo1007"),
            CalleeBehavior.ringUntilCancelled()).start()) {
      own.awaitRegistered(WAIT);
      destination.awaitRegistered(WAIT);
      awaitRegistered(events, "1006", "1007");

      Answer placed = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1006", "to", "1007"));
      assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
      String callId = placed.json().path("call_id").asText();
      List<JsonNode> all = events.eventsUntil(clearedTwice(callId), WAIT);
      own.awaitExit(WAIT).requireSuccess();
      destination.awaitExit(WAIT).requireSuccess();

      assertThat(trace(callId, all)).containsExactly("call.originated@1006", "call.established@1006",
          "call.delivered@1007", "call.failed@1007", "connection.cleared@1007", "connection.cleared@1006");
    }
    assertThat(recordOf("1006", "1007").disposition()).isEqualTo(CallDisposition.NO_ANSWER);
  }

  @Test
  void hangingUpWhileTheOwnPhoneRingsCancelsIt() {
    try (EventStreamClient events = subscribe(admin);
        Sipp own = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1008", "demo1008"),
            CalleeBehavior.ringUntilCancelled()).start()) {
      own.awaitRegistered(WAIT);
      awaitRegistered(events, "1008");

      Answer placed = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1008", "to", "1009"));
      assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
      String callId = placed.json().path("call_id").asText();
      events.next(of(callId, "call.originated", "1008"), WAIT);
      assertThat(api.call("DELETE", "/api/v1/calls/" + callId, Optional.of(admin), null).status()).isEqualTo(202);
      own.awaitExit(WAIT).requireSuccess();
      JsonNode cleared = events.next(of(callId, "connection.cleared", "1008"), WAIT);
      assertThat(cleared.path("data").path("cause").asText()).isEqualTo("cancelled");
    }
    assertThat(recordOf("1008", "1009").disposition()).isEqualTo(CallDisposition.CANCELLED);
  }

  @Test
  void whileTheDestinationRingsTheOwnPhoneOrTheApiCanGiveUp() {
    try (EventStreamClient events = subscribe(admin);
        Baresip own = Baresip.builder("1009").registrar(server.sipAddress(), "demo1009").start();
        Sipp destination = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1010", "demo1010"),
            CalleeBehavior.ringUntilCancelled(), 2).start()) {
      own.awaitRegistered(WAIT);
      destination.awaitRegistered(WAIT);
      awaitRegistered(events, "1009", "1010");
      Answer nowhere = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1009", "to", "9999"));
      assertThat(nowhere.status()).isEqualTo(400);
      assertThat(nowhere.code()).isEqualTo("invalid_argument");

      String first = place("1009", "1010");
      events.next(of(first, "call.delivered", "1010"), WAIT);
      own.hangup();
      List<JsonNode> firstEnd = events.eventsUntil(clearedTwice(first), WAIT);
      own.awaitEvent("CALL_CLOSED", WAIT);

      String second = place("1009", "1010");
      events.next(of(second, "call.delivered", "1010"), WAIT);
      assertThat(api.call("DELETE", "/api/v1/calls/" + second, Optional.of(admin), null).status()).isEqualTo(202);
      List<JsonNode> secondEnd = events.eventsUntil(clearedTwice(second), WAIT);
      own.awaitEvent("CALL_CLOSED", WAIT);
      destination.awaitExit(WAIT).requireSuccess();

      assertThat(trace(first, firstEnd)).containsExactly("connection.cleared@1009", "connection.cleared@1010");
      assertThat(trace(second, secondEnd)).containsExactly("connection.cleared@1009", "connection.cleared@1010");
      assertThat(secondEnd.getLast().path("data").path("cause").asText()).isEqualTo("cancelled");
    }
    List<CallRecord> records = await().atMost(WAIT).until(() -> server.callRecords().stream()
        .filter(r -> r.caller().equals("1009") && r.callee().equals("1010")).toList(), list -> list.size() == 2);
    assertThat(records).extracting(CallRecord::disposition).containsOnly(CallDisposition.CANCELLED);
    assertThat(records).extracting(CallRecord::cause)
        .containsExactlyInAnyOrder("caller hung up", "hung up through the API");
  }

  @Test
  void callsArePlacedOnlyFromExtensionsTheCallerMayUse() {
    String alice = api.accessToken("alice", "demo-alice");
    Answer notHers = api.call("POST", "/api/v1/calls", Optional.of(alice), Map.of("from", "1002", "to", "1003"));
    assertThat(notHers.status()).isEqualTo(403);
    assertThat(notHers.code()).isEqualTo("forbidden");

    String acme = api.accessToken("admin@acme", server.initialAdminPassword("acme"));
    Answer otherTenants = api.call("POST", "/api/v1/calls", Optional.of(acme), Map.of("from", "1001", "to", "2001"));
    assertThat(otherTenants.status()).isEqualTo(404);
    assertThat(otherTenants.code()).isEqualTo("extension_not_found");

    Answer offline = api.call("POST", "/api/v1/calls", Optional.of(acme), Map.of("from", "2001", "to", "1001"));
    assertThat(offline.status()).isEqualTo(409);
    assertThat(offline.code()).isEqualTo("device_unavailable");
    Answer noNumber = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1001", "to", "not a number"));
    assertThat(noNumber.status()).isEqualTo(400);
    assertThat(api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", "1001")).code())
        .isEqualTo("invalid_request");

    try (EventStreamClient events = subscribe(acme)) {
      SippPeers.registration(server.sipAddress(), new SipAccount("2001", "acme2001secret")).domain("acme.example")
          .run(WAIT).requireSuccess();
      awaitRegistered(events, "2001");
      Answer noTrunk = api.call("POST", "/api/v1/calls", Optional.of(acme), Map.of("from", "2001", "to", EXTERNAL));
      assertThat(noTrunk.status()).isEqualTo(400);
      assertThat(noTrunk.json().path("message").asText()).contains("no trunk");
      Answer demosExtension = api.call("POST", "/api/v1/calls", Optional.of(acme), Map.of("from", "2001", "to", "1001"));
      assertThat(demosExtension.status()).as("acme has no extension 1001").isEqualTo(400);
    }
  }

  private String place(String from, String to) {
    Answer placed = api.call("POST", "/api/v1/calls", Optional.of(admin), Map.of("from", from, "to", to));
    assertThat(placed.status()).as(placed.json().toString()).isEqualTo(202);
    return placed.json().path("call_id").asText();
  }

  @Test
  void aServerWithDirectMediaRefusesClickToCallWithoutRingingAnything() {
    MediaConfig direct = new MediaConfig(false, "127.0.0.1", Optional.empty(), 20000, 20999, Duration.ofSeconds(60));
    try (TestServer directServer = TestServer.start(FreePorts.udpAndTcp(), TestServer.localTrunk(FreePorts.udpAndTcp()),
        Duration.ofSeconds(5), StoreConfig.EMBEDDED, direct)) {
      ApiClient directApi = new ApiClient(directServer.httpPort());
      String directAdmin = directApi.accessToken("admin", "demo-admin");
      try (EventStreamClient events = EventStreamClient.connect(directServer.httpPort(), directAdmin);
          Sipp own = SippPeers.registeredCallee(directServer.sipAddress(), new SipAccount("1001", "demo1001"),
              CalleeBehavior.answer()).start()) {
        events.next("authenticated", WAIT);
        events.send("{\"op\":\"subscribe\"}");
        events.next("subscribed", WAIT);
        own.awaitRegistered(WAIT);
        awaitRegistered(events, "1001");

        Answer refused = directApi.call("POST", "/api/v1/calls", Optional.of(directAdmin),
            Map.of("from", "1001", "to", "1002"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.code()).isEqualTo("failed");
        assertThat(refused.json().path("message").asText()).contains("anchored");
        assertThat(own.messageLog()).doesNotContain("INVITE sip:");
        assertThat(directServer.ramal().pbx().activeCalls()).isZero();
      }
    }
  }

  // ---- plumbing ----

  private EventStreamClient subscribe(String token) {
    EventStreamClient client = EventStreamClient.connect(server.httpPort(), token);
    client.next("authenticated", WAIT);
    client.send("{\"op\":\"subscribe\"}");
    client.next("subscribed", WAIT);
    return client;
  }

  /** Waits until the CTI core has seen each device register (a click-to-call needs a registered device). */
  private static void awaitRegistered(EventStreamClient events, String... devices) {
    Set<String> waiting = new HashSet<>(List.of(devices));
    while (!waiting.isEmpty()) {
      JsonNode event = events.next(e -> e.path("type").asText().equals("device.registered"), WAIT);
      waiting.remove(event.path("device").asText());
    }
  }

  private static Predicate<JsonNode> of(String callId, String type, String device) {
    return e -> callId.equals(e.path("call_id").asText()) && e.path("type").asText().equals(type)
        && e.path("device").asText().equals(device);
  }

  private static Predicate<JsonNode> clearedTwice(String callId) {
    Set<String> cleared = new HashSet<>();
    return e -> callId.equals(e.path("call_id").asText()) && e.path("type").asText().equals("connection.cleared")
        && cleared.add(e.path("device").asText()) && cleared.size() == 2;
  }

  @SafeVarargs
  /** The call's CSTA events as type@device (without the screen pops and CDRs of the same stream). */
  private static List<String> trace(String callId, List<JsonNode>... batches) {
    return java.util.Arrays.stream(batches).flatMap(List::stream)
        .filter(e -> callId.equals(e.path("call_id").asText()))
        .filter(e -> !e.path("type").asText().equals("screen_pop") && !e.path("type").asText().equals("cdr.created"))
        .map(e -> e.path("type").asText() + "@" + e.path("device").asText()).toList();
  }

  private CallRecord recordOf(String caller, String callee) {
    return await().atMost(WAIT).until(() -> server.callRecords().stream()
        .filter(r -> r.caller().equals(caller) && r.callee().equals(callee)).findFirst(), Optional::isPresent).get();
  }

  /** Audio flows for a couple of seconds: what the phones record is the assertion, not the wait. */
  private static void sleepWhileAudioFlows() {
    try {
      Thread.sleep(2500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
