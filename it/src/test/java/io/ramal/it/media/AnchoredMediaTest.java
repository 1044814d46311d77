package io.ramal.it.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.it.harness.Baresip;
import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.harness.Tone;
import io.ramal.it.harness.ToneReport;
import io.ramal.it.harness.Wav;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.media.AnchoredMediaPlane;
import io.ramal.server.config.Config;
import io.ramal.server.config.MediaConfig;
import io.ramal.server.config.StoreConfig;
import io.ramal.store.CallRecord;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Audio anchored on Ramal with real phones: an A-law phone and a µ-law phone hear each other
 * (Ramal transcodes), a held party hears music on hold and then the other party again, a call
 * whose phones send no RTP is hung up with a cause, and every RTP port returns to the pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnchoredMediaTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int LOW = 31000;
  private static final int HIGH = 31199;
  private TestServer server;
  private AnchoredMediaPlane media;

  @BeforeAll
  void startServer() {
    MediaConfig anchored = Config.demo().media().withPorts(LOW, HIGH).withDeadCallTimeout(Duration.ofSeconds(5));
    server = TestServer.start(FreePorts.udpAndTcp(), TestServer.localTrunk(FreePorts.udpAndTcp()),
        Duration.ofSeconds(30), StoreConfig.EMBEDDED, anchored);
    media = (AnchoredMediaPlane) server.ramal().media();
  }

  @AfterAll
  void stopServer() {
    if (server != null) server.close();
  }

  @AfterEach
  void everyPortIsBackInThePool() {
    await().atMost(WAIT).untilAsserted(() -> assertThat(media.availablePortPairs()).isEqualTo((HIGH - LOW + 1) / 2));
  }

  @Test
  void anALawPhoneAndAMuLawPhoneHearEachOtherThroughTranscoding() throws InterruptedException {
    try (Baresip alice = phone("1001", 1000).accountParameter("audio_codecs=PCMA/8000/1").start();
        Baresip bob = phone("1002", 600).accountParameter("audio_codecs=PCMU/8000/1").start()) {
      alice.awaitRegistered(WAIT);
      bob.awaitRegistered(WAIT);
      assertThat(alice.dial("sip:1002@127.0.0.1").ok()).isTrue();
      bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      assertThat(media.availablePortPairs()).isEqualTo((HIGH - LOW + 1) / 2 - 2);
      Thread.sleep(2500);
      alice.hangup();
      alice.awaitEvent("CALL_CLOSED", WAIT);
      bob.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(alice.log()).containsIgnoringCase("PCMA");
      assertThat(bob.log()).containsIgnoringCase("PCMU");
      assertHears(bob, 1000);
      assertHears(alice, 600);
    }
  }

  @Test
  void aHeldPartyHearsMusicAndThenTheOtherPartyAgain() throws InterruptedException {
    try (Baresip alice = phone("1003", 1000).start(); Baresip bob = phone("1004", 600).start()) {
      alice.awaitRegistered(WAIT);
      bob.awaitRegistered(WAIT);
      assertThat(alice.dial("sip:1004@127.0.0.1").ok()).isTrue();
      bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      Thread.sleep(2000);
      assertThat(alice.command("hold").ok()).as(alice.log()).isTrue();
      Thread.sleep(3000);
      assertThat(alice.command("resume").ok()).as(alice.log()).isTrue();
      Thread.sleep(3000);
      alice.hangup();
      bob.awaitEvent("CALL_CLOSED", WAIT);

      Wav heard = Wav.read(bob.awaitReceivedAudio(WAIT)).mono();
      long total = heard.duration().toMillis();
      // Seconds 0-2: Alice's tone; 2-5: on hold; 5-8: Alice again. Half a second of margin at each edge.
      ToneReport beforeHold = window(heard, 500, 1800);
      ToneReport onHold = window(heard, 2700, 4500);
      ToneReport afterRetrieve = window(heard, Math.max(5800, total - 2200), total - 300);
      assertThat(beforeHold.isToneOf(1000, 20)).as("before hold: " + beforeHold).isTrue();
      assertThat(onHold.rms()).as("on hold the music is audible: " + onHold).isGreaterThan(0.005);
      assertThat(onHold.isToneOf(1000, 40)).as("on hold Alice is not heard: " + onHold).isFalse();
      assertThat(afterRetrieve.isToneOf(1000, 20)).as("after retrieve: " + afterRetrieve).isTrue();
    }
  }

  @Test
  void aCallWithoutAnyAudioIsHungUpWithACause() {
    int before = server.callRecords().size();
    try (Sipp callee = SippPeers.registeredCallee(server.sipAddress(), new SipAccount("1005", "demo1005"),
        CalleeBehavior.answer()).start()) {
      callee.awaitRegistered(WAIT);
      Sipp.builder(SippScenario.resource("uac-silent-expect-bye.xml")).remote(server.sipAddress())
          .accounts(new SipAccount("1006", "demo1006")).service("1005").run(Duration.ofSeconds(40)).requireSuccess();
      callee.awaitExit(WAIT).requireSuccess();
    }
    await().atMost(WAIT).until(() -> server.callRecords().size() > before);
    CallRecord r = server.callRecords().get(0);
    assertThat(r.callee()).isEqualTo("1005");
    assertThat(r.cause()).startsWith("no RTP for 5 s");
  }

  private Baresip.Builder phone(String user, double toneHz) {
    return Baresip.builder(user).registrar(server.sipAddress(), "demo" + user).tone(toneHz);
  }

  private static ToneReport window(Wav audio, long fromMillis, long toMillis) {
    long total = audio.duration().toMillis();
    return Tone.analyze(audio.trimmed(Duration.ofMillis(fromMillis), Duration.ofMillis(Math.max(0, total - toMillis))),
        Duration.ZERO, Duration.ZERO);
  }

  private static void assertHears(Baresip phone, double hz) {
    ToneReport report = Tone.analyze(phone.awaitReceivedAudio(WAIT), Duration.ofMillis(500), Duration.ofMillis(200));
    assertThat(report.isToneOf(hz, 20)).as(phone.describe() + "\n" + report).isTrue();
  }
}
