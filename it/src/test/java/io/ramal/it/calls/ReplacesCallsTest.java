package io.ramal.it.calls;

import static io.ramal.it.harness.HeardAudio.awaitHeard;
import static io.ramal.it.harness.HeardAudio.heard;
import static io.ramal.it.harness.HeardAudio.received;
import static io.ramal.it.harness.HeardAudio.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.it.harness.ApiClient;
import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.EventStreamClient;
import io.ramal.it.harness.LiveCalls;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippResult;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.core.Pbx;
import io.ramal.pbx.media.AnchoredMediaPlane;
import io.ramal.server.config.Config;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import io.ramal.store.CallRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dialogs named by Replaces, with real peers on anchored media. Attended transfer done by the
 * phone (RFC 5589 §7): phone A (SIPp, two processes, one per dialog, told the other's dialog by
 * the test) talks with C and holds B (baresip phones, each sending its own tone) in two calls,
 * then sends a REFER in its call with B naming its dialog with C; B and C must then hear each other
 * (checked by frequency), A's two dialogs get BYE and A a NOTIFY with 200. The two calls are put
 * on the same or on different SIP shards by choosing A's Call-IDs. INVITE with Replaces (RFC
 * 3891): a phone (SIPp, sending a 1 kHz tone) takes the place of an answered baresip phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplacesCallsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration MARGIN = Duration.ofMillis(700);
  private static final Pattern ESTABLISHED = Pattern.compile("established call_id=(\\S+) to_tag=(\\S+) from_tag=(\\S+)");
  private TestServer server;
  private ApiClient api;
  private String admin;
  private int portPairs;
  private Path workDir;

  @BeforeAll
  void start() {
    TenantConfig acme = new TenantConfig("acme", "Acme", List.of("acme.example"),
        List.of(new ExtensionConfig("2001", "Reception", "acme2001secret")), List.of(), List.of());
    server = TestServer.startWithTenants(demo -> {
      List<ExtensionConfig> more = new ArrayList<>(demo.extensions());
      IntStream.rangeClosed(1011, 1020).forEach(n -> more.add(new ExtensionConfig(Integer.toString(n), "Ext " + n,
          "demo" + n)));
      return demo.withExtensions(more);
    }, List.of(acme), Config.demo().media());
    api = new ApiClient(server.httpPort());
    admin = api.accessToken("admin", "demo-admin");
    portPairs = media().availablePortPairs();
    try {
      workDir = java.nio.file.Files.createTempDirectory("ramal-it-replaces-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(pbx().shardCount()).as("the server runs several SIP shards").isGreaterThan(1);
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) server.close();
    try (var files = java.nio.file.Files.walk(workDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @AfterEach
  void everyRtpPortIsBackInThePoolAndNoCallIsLeft() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(media().availablePortPairs()).isEqualTo(portPairs));
    await().atMost(WAIT).untilAsserted(() -> assertThat(pbx().activeCalls()).isZero());
  }

  // ---- REFER with Replaces ----

  @Test
  void aPhonesAttendedTransferJoinsTwoCallsOnDifferentShards() {
    attendedTransfer("1001", "1002", "1003", 0, 1);
  }

  @Test
  void aPhonesAttendedTransferJoinsTwoCallsOnTheSameShard() {
    attendedTransfer("1004", "1005", "1006", 1, 1);
  }

  private void attendedTransfer(String a, String bNumber, String cNumber, int firstShard, int consultShard) {
    String cid1 = callIdOn(firstShard);
    String cid2 = callIdOn(consultShard);
    try (EventStreamClient events = LiveCalls.subscribed(server.httpPort(), admin, "call.transferred",
        "connection.cleared", "call.established");
        Baresip b = phone(bNumber, 600).start(); Baresip c = phone(cNumber, 800).sipTrace().start()) {
      b.awaitRegistered(WAIT);
      c.awaitRegistered(WAIT);
      try (Sipp consulting = transferor("transferor-consulting.xml", a, cNumber, cid2).start()) {
        Matcher dialog = established(consulting);
        String call2 = callBetween(a, cNumber);
        c.awaitEvent("CALL_ESTABLISHED", WAIT);
        String cLegCallId = ramalCallIdIn(c.log());
        int cShard = pbx().shardOf(cLegCallId);
        try (Sipp referring = transferor("transferor-refer-completes.xml", a, bNumber, cid1)
            .keyword("target", cNumber).keyword("replaces", escaped(dialog.group(1) + ";to-tag=" + dialog.group(2)
                + ";from-tag=" + dialog.group(3)))
            .start()) {
          established(referring);
          String call1 = callBetween(a, bNumber);
          b.awaitEvent("CALL_ESTABLISHED", WAIT);
          referring.awaitActionLog("held", WAIT);
          Duration bAtHold = heard(b);
          events.drain();

          SippResult refer = referring.awaitExit(WAIT);
          refer.requireSuccess();
          consulting.awaitExit(WAIT).requireSuccess();
          Duration bAtJoin = heard(b);
          Duration cAtJoin = heard(c);
          int cShardJoined = pbx().shardOf(cLegCallId);
          Duration bLater = awaitHeard(b, bAtJoin.plusMillis(2000));
          Duration cLater = awaitHeard(c, cAtJoin.plusMillis(2000));
          JsonNode live = api.get("/api/v1/calls/" + call1, admin).json();
          int consultationStatus = api.get("/api/v1/calls/" + call2, admin).status();
          List<JsonNode> seen = events.eventsUntil(e -> e.path("type").asText().equals("connection.cleared")
              && e.path("call_id").asText().equals(call2) && e.path("device").asText().equals(a), WAIT);
          b.hangup();
          c.awaitEvent("CALL_CLOSED", WAIT);

          assertThat(pbx().shardOf(cid1)).as("call 1's shard").isEqualTo(firstShard);
          assertThat(pbx().shardOf(cid2)).as("call 2's shard").isEqualTo(consultShard);
          assertThat(cShard).as("C's dialog was served by call 2's shard").isEqualTo(consultShard);
          assertThat(cShardJoined).as("C's dialog is served by call 1's shard once joined").isEqualTo(firstShard);
          assertThat(refer.actionLog()).as("A was told by NOTIFY").contains("notify 100 Trying", "notify 200 OK");
          assertThat(live.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
              .containsExactlyInAnyOrder(bNumber + " connected", cNumber + " connected");
          assertThat(consultationStatus).as("the consultation call is over").isEqualTo(404);
          JsonNode transferred = seen.stream().filter(e -> e.path("type").asText().equals("call.transferred"))
              .findFirst().orElseThrow();
          assertThat(transferred.path("call_id").asText()).isEqualTo(call1);
          assertThat(transferred.path("device").asText()).isEqualTo(a);
          assertThat(transferred.toString()).contains("\"kind\":\"attended\"", "\"consult_call_id\":\"" + call2 + "\"",
              "\"transferred_to\":\"" + cNumber + "\"");
          assertThat(seen).extracting(e -> e.path("type").asText() + " " + e.path("device").asText() + " "
              + (e.path("call_id").asText().equals(call1) ? "call1" : "call2"))
              .containsSubsequence("call.transferred " + a + " call1", "connection.cleared " + a + " call1")
              .contains("connection.cleared " + cNumber + " call2", "connection.cleared " + a + " call2");
          await().atMost(WAIT).untilAsserted(() -> assertThat(server.callRecords())
              .filteredOn(r -> r.id().equals(call2)).extracting(CallRecord::cause).containsExactly("transferred"));
          await().atMost(WAIT).untilAsserted(() -> assertThat(server.callRecords())
              .filteredOn(r -> r.id().equals(call1)).hasSize(1));

          ToneReport music = window(received(b), bAtHold.plus(MARGIN), bAtJoin.minusMillis(300));
          assertThat(music.rms()).as(bNumber + " hears music while " + a + " holds it: " + music).isGreaterThan(0.005);
          assertThat(music.isToneOf(800, 40)).as("and not " + cNumber + " yet: " + music).isFalse();
          ToneReport bHears = window(received(b), bAtJoin.plus(MARGIN), bLater);
          assertThat(bHears.isToneOf(800, 20)).as(bNumber + " hears " + cNumber + " after the transfer: " + bHears)
              .isTrue();
          ToneReport cHears = window(received(c), cAtJoin.plus(MARGIN), cLater);
          assertThat(cHears.isToneOf(600, 20)).as(cNumber + " hears " + bNumber + " after the transfer: " + cHears)
              .isTrue();
        }
      }
    }
  }

  @Test
  void aReplacesNamingNoDialogOfOursIsReportedToTheReferrerAndTheCallsGoOn() {
    String a = "1007";
    try (Baresip b = phone("1008", 600).start(); Baresip c = phone("1009", 800).start()) {
      b.awaitRegistered(WAIT);
      c.awaitRegistered(WAIT);
      try (Sipp consulting = transferor("transferor-consulting.xml", a, "1009", callIdOn(0)).start()) {
        Matcher dialog = established(consulting);
        String call2 = callBetween(a, "1009");
        // The right Call-ID and A's tag, but a to-tag that is not Ramal's: no such dialog.
        try (Sipp referring = transferor("transferor-refer-fails.xml", a, "1008", callIdOn(1))
            .keyword("target", "1009").keyword("replaces", escaped(dialog.group(1) + ";to-tag=not" + dialog.group(2)
                + ";from-tag=" + dialog.group(3)))
            .start()) {
          established(referring);
          String call1 = callBetween(a, "1008");
          referring.awaitActionLog("notify 481", WAIT);
          JsonNode first = api.get("/api/v1/calls/" + call1, admin).json();
          JsonNode second = api.get("/api/v1/calls/" + call2, admin).json();
          SippResult refer = referring.awaitExit(WAIT);
          b.awaitEvent("CALL_CLOSED", WAIT);
          assertThat(api.call("DELETE", "/api/v1/calls/" + call2, Optional.of(admin), Map.of()).status()).isIn(200, 202,
              204);
          consulting.awaitExit(WAIT).requireSuccess();
          c.awaitEvent("CALL_CLOSED", WAIT);

          refer.requireSuccess();
          assertThat(refer.actionLog()).contains("notify 100 Trying", "notify 481 Call/Transaction Does Not Exist");
          assertThat(first.path("parties")).extracting(p -> p.path("device").asText())
              .containsExactlyInAnyOrder(a, "1008");
          assertThat(second.path("parties")).extracting(p -> p.path("device").asText())
              .containsExactlyInAnyOrder(a, "1009");
        }
      }
    }
  }

  // ---- INVITE with Replaces ----

  @Test
  void aPhoneTakesOverAnAnsweredLegWithInviteReplaces() {
    Path dir = alawToneIn("replacing-phone", 1000);
    try (Baresip b = phone("1011", 600).start(); Baresip c = phone("1012", 800).sipTrace().start()) {
      String callId = LiveCalls.connect(api, admin, b, c);
      String cLeg = ramalCallIdIn(c.log());
      String replaces = replacesFor(c.log());
      int callShard = pbx().shardOf(cLeg);
      String inviteCallId = callIdOn(1 - callShard);
      Duration bBefore = awaitHeard(b, Duration.ofMillis(1500));

      try (Sipp d = Sipp.builder(scenario("replacing-invite.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1013", "demo1013")).service("1012")
          .keyword("replaces", replaces).workDir(dir)
          .callDuration(Duration.ofMillis(3000)).arguments("-cid_str", inviteCallId).start()) {
        established(d);
        c.awaitEvent("CALL_CLOSED", WAIT);
        Duration bAtReplace = heard(b);
        int pinned = await().atMost(WAIT).until(() -> pbx().shardOf(inviteCallId), s -> s == callShard);
        JsonNode live = api.get("/api/v1/calls/" + callId, admin).json();
        Duration bLater = awaitHeard(b, bAtReplace.plusMillis(1800));
        d.awaitExit(WAIT).requireSuccess();
        b.awaitEvent("CALL_CLOSED", WAIT);

        assertThat(pinned).as("the new dialog is served by the call's shard").isEqualTo(callShard);
        assertThat(c.log()).as("the replaced phone is told why").contains("Reason: SIP;cause=200");
        assertThat(live.path("parties")).extracting(p -> p.path("device").asText() + " " + p.path("state").asText())
            .containsExactlyInAnyOrder("1011 connected", "1013 connected");
        ToneReport before = window(received(b), Duration.ofMillis(300), bBefore);
        ToneReport after = window(received(b), bAtReplace.plus(MARGIN), bLater);
        assertThat(before.isToneOf(800, 20)).as("1011 heard 1012 first: " + before).isTrue();
        assertThat(after.isToneOf(1000, 20)).as("1011 hears the phone that replaced 1012: " + after).isTrue();
      }
    }
  }

  @Test
  void anInviteReplacingNoDialogOfOursIsRefused481() {
    expectRefusal("1014", "127.0.0.1", "nosuch-" + UUID.randomUUID() + "@127.0.0.1;to-tag=1;from-tag=2", 481);
  }

  @Test
  void anInviteWithReplacesCannotReachAnotherTenantsCall() {
    try (Baresip b = phone("1015", 600).start(); Baresip c = phone("1016", 800).sipTrace().start()) {
      LiveCalls.connect(api, admin, b, c);
      String replaces = replacesFor(c.log());

      SippResult acme = Sipp.builder(scenario("replacing-invite-expect-status.xml").with("status", "481"))
          .remote(server.sipAddress()).domain("acme.example").accounts(new SipAccount("2001", "acme2001secret"))
          .service("1016").keyword("replaces", replaces).run(WAIT);
      SippResult earlyOnly = Sipp.builder(scenario("replacing-invite-expect-status.xml").with("status", "486"))
          .remote(server.sipAddress()).accounts(new SipAccount("1017", "demo1017")).service("1016")
          .keyword("replaces", replaces + ";early-only").run(WAIT);
      JsonNode calls = api.get("/api/v1/calls", admin).json().path("calls");
      b.hangup();
      c.awaitEvent("CALL_CLOSED", WAIT);

      acme.requireSuccess();
      earlyOnly.requireSuccess();
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).path("parties")).extracting(p -> p.path("device").asText())
          .containsExactlyInAnyOrder("1015", "1016");
    }
  }

  private void expectRefusal(String device, String domain, String replaces, int status) {
    Sipp.builder(scenario("replacing-invite-expect-status.xml").with("status", Integer.toString(status)))
        .remote(server.sipAddress()).domain(domain).accounts(new SipAccount(device, "demo" + device)).service("1001")
        .keyword("replaces", replaces).run(WAIT).requireSuccess();
  }

  // ---- helpers ----

  private static SippScenario.Resource scenario(String file) {
    return new SippScenario.Resource("replaces/" + file, Map.of(), SippScenario.RequestTarget.SERVICE_AT_DOMAIN);
  }

  /** Phone A (SIPp) calling {@code callee} with Call-ID {@code callId}, talking for 2.5 s before its REFER. */
  private Sipp.Builder transferor(String file, String a, String callee, String callId) {
    return Sipp.builder(scenario(file)).remote(server.sipAddress()).accounts(new SipAccount(a, "demo" + a))
        .service(callee).callDuration(Duration.ofMillis(2500)).arguments("-cid_str", callId);
  }

  private static Matcher established(Sipp sipp) {
    sipp.awaitActionLog("established", WAIT);
    Matcher m = ESTABLISHED.matcher(sipp.actionLog());
    assertThat(m.find()).as(sipp.actionLog()).isTrue();
    return m;
  }

  /** A Call-ID that the SIP core serves on {@code shard}. */
  private String callIdOn(int shard) {
    String base = "replaces-" + UUID.randomUUID();
    return IntStream.iterate(0, i -> i + 1).mapToObj(i -> base + "-" + i + "@127.0.0.1")
        .filter(id -> pbx().shardOf(id) == shard).findFirst().orElseThrow();
  }

  /** The live call from {@code caller} to {@code callee}, by the API. */
  private String callBetween(String caller, String callee) {
    return await().atMost(WAIT).until(() -> {
      for (JsonNode call : api.get("/api/v1/calls", admin).json().path("calls")) {
        if (call.path("caller_number").asText().equals(caller) && call.path("callee_number").asText().equals(callee)) {
          return Optional.of(call.path("call_id").asText());
        }
      }
      return Optional.<String>empty();
    }, Optional::isPresent).orElseThrow();
  }

  /** The Call-ID of Ramal's INVITE in a baresip SIP trace (Ramal's Call-IDs end in {@code ~s<shard>}). */
  private static String ramalCallIdIn(String log) {
    Matcher m = Pattern.compile("(?im)^\\s*Call-ID:\\s*(\\S+~s\\d+)\\s*$").matcher(log);
    assertThat(m.find()).as("a Call-ID of Ramal's in\n" + log).isTrue();
    return m.group(1);
  }

  /**
   * The Replaces value naming Ramal's dialog with the baresip phone that logged {@code log} (its
   * SIP trace) as Ramal sees it: Ramal's tag (From of the INVITE it received) as to-tag, the
   * phone's (To of its 200 to that INVITE) as from-tag.
   */
  private static String replacesFor(String log) {
    int invite = log.indexOf("INVITE sip:");
    assertThat(invite).as("an INVITE in\n" + log).isNotNegative();
    String ramalTag = tagAfter(log, invite, "From:");
    String phoneTag = tagAfter(log, log.indexOf("SIP/2.0 ", invite), "To:");
    return ramalCallIdIn(log) + ";to-tag=" + ramalTag + ";from-tag=" + phoneTag;
  }

  private static String tagAfter(String log, int start, String header) {
    assertThat(start).as("the message before " + header + " in\n" + log).isNotNegative();
    Matcher m = Pattern.compile("(?im)^\\s*" + Pattern.quote(header) + ".*;tag=([^;>\\s]+)").matcher(log);
    assertThat(m.find(start)).as(header + " in\n" + log).isTrue();
    return m.group(1);
  }

  /** {@code text} as a URI header value: everything but unreserved characters %-escaped. */
  private static String escaped(String text) {
    StringBuilder b = new StringBuilder();
    for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
      char ch = (char) (x & 0xff);
      if (Character.isLetterOrDigit(ch) && ch < 128 || "-_.!~*'()".indexOf(ch) >= 0) b.append(ch);
      else b.append('%').append(String.format("%02X", x & 0xff));
    }
    return b.toString();
  }

  /** A new directory holding tone-alaw.wav, 10 s of {@code hz} for SIPp's rtp_stream, made by sox. */
  private Path alawToneIn(String name, int hz) {
    Path dir = workDir.resolve(name);
    Path file = dir.resolve("tone-alaw.wav");
    try {
      java.nio.file.Files.createDirectories(dir);
      Process sox = new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-e", "a-law", file.toString(), "synth",
          "10", "sine", Integer.toString(hz), "vol", "0.5").redirectErrorStream(true).start();
      String out = new String(sox.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sox.waitFor()).as("sox: " + out).isZero();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }

  private Pbx pbx() {
    return server.ramal().pbx();
  }

  private AnchoredMediaPlane media() {
    return (AnchoredMediaPlane) server.ramal().media();
  }
}
