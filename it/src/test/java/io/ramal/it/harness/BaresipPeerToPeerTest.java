package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Proves the baresip harness peer to peer: direct calls with audio both ways, DTMF, registration. */
class BaresipPeerToPeerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration TALK = Duration.ofMillis(2500);
  private static final Duration SKIP_HEAD = Duration.ofMillis(500);
  private static final Duration SKIP_TAIL = Duration.ofMillis(200);

  @ParameterizedTest
  @EnumSource(SipTransport.class)
  void directCallCarriesEachSidesToneToTheOther(SipTransport transport) throws InterruptedException {
    try (Baresip alice = Baresip.builder("alice").transport(transport).tone(1000).start();
        Baresip bob = Baresip.builder("bob").transport(transport).tone(600).start()) {

      assertThat(alice.dial(bob.contactUri()).ok()).isTrue();
      BaresipEvent answered = bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      Thread.sleep(TALK);
      alice.hangup();
      alice.awaitEvent("CALL_CLOSED", WAIT);
      bob.awaitEvent("CALL_CLOSED", WAIT);

      assertThat(answered.direction()).isEqualTo("incoming");
      assertThat(answered.peerUri()).startsWith("sip:alice@127.0.0.1");
      assertHears(bob, 1000);
      assertHears(alice, 600);
    }
  }

  @Test
  void manualAnswerModeRingsUntilAccepted() {
    try (Baresip alice = Baresip.builder("alice").start();
        Baresip bob = Baresip.builder("bob").answerMode(Baresip.AnswerMode.MANUAL).start()) {

      alice.dial(bob.contactUri());
      bob.awaitEvent("CALL_INCOMING", WAIT);
      alice.awaitEvent("CALL_RINGING", WAIT);
      assertThat(bob.events()).extracting(BaresipEvent::type).doesNotContain("CALL_ESTABLISHED");

      assertThat(bob.accept().ok()).isTrue();
      bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      bob.hangup();
      alice.awaitEvent("CALL_CLOSED", WAIT);
    }
  }

  @Test
  void dtmfDigitsReachTheOtherSide() {
    try (Baresip alice = Baresip.builder("alice").start(); Baresip bob = Baresip.builder("bob").start()) {
      alice.dial(bob.contactUri());
      bob.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);

      assertThat(alice.sendDtmf('7').ok()).isTrue();

      BaresipEvent digit = bob.awaitEvent("CALL_DTMF_START", WAIT);
      assertThat(digit.param()).isEqualTo("7");
      alice.hangup();
    }
  }

  @Test
  void callsASippCalleeDirectly() {
    try (Sipp callee = SippPeers.callee(CalleeBehavior.answer()).start();
        Baresip alice = Baresip.builder("alice").start()) {
      callee.awaitListening(WAIT);

      alice.dial("sip:1002@127.0.0.1:" + callee.port());
      alice.awaitEvent("CALL_ESTABLISHED", WAIT);
      alice.hangup();
      alice.awaitEvent("CALL_CLOSED", WAIT);

      callee.awaitExit(WAIT).requireSuccess();
    }
  }

  @ParameterizedTest
  @EnumSource(SipTransport.class)
  void registersWithDigestAtARegistrar(SipTransport transport) {
    SipAccount bob = new SipAccount("1002", "bob-secret");
    try (Sipp registrar = Sipp.builder(SippScenario.resource("peer/registrar.xml"))
        .accounts(bob).transport(transport).start()) {
      registrar.awaitListening(WAIT);
      try (Baresip phone = Baresip.builder("1002")
          .registrar(registrar.address(), "bob-secret").transport(transport).start()) {

        BaresipEvent registered = phone.awaitRegistered(WAIT);

        assertThat(registered.accountAor()).startsWith("sip:1002@127.0.0.1");
        registrar.awaitExit(WAIT).requireSuccess();
      }
    }
  }

  @Test
  void reportsARejectedRegistration() {
    SipAccount bob = new SipAccount("1002", "bob-secret");
    try (Sipp registrar = Sipp.builder(SippScenario.resource("peer/registrar.xml")).accounts(bob).start()) {
      registrar.awaitListening(WAIT);
      try (Baresip phone = Baresip.builder("1002").registrar(registrar.address(), "wrong").start()) {

        assertThatThrownBy(() -> phone.awaitRegistered(WAIT))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("failed to register");
      }
    }
  }

  @Test
  void closeEndsTheProcess() {
    Baresip phone = Baresip.builder("alice").start();
    long pid = phone.pid();
    int port = phone.sipPort();

    phone.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(ListeningSockets.isListening(SipTransport.UDP, port)).isFalse();
    assertThat(ListeningSockets.isListening(SipTransport.TCP, port)).isFalse();
  }

  @Test
  void refusesANonLoopbackRegistrar() {
    assertThatThrownBy(() -> Baresip.builder("alice").registrar(new InetSocketAddress("192.0.2.1", 5060), "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertHears(Baresip phone, double hz) {
    Path received = phone.awaitReceivedAudio(WAIT);
    Wav audio = Wav.read(received);
    ToneReport report = Tone.analyze(audio, SKIP_HEAD, SKIP_TAIL);
    assertThat(report.isToneOf(hz, 15)).as("%s in %s (%s)", report, received, audio).isTrue();
  }
}
