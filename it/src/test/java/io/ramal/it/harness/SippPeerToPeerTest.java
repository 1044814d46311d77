package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Proves the SIPp harness and the bundled scenarios peer to peer, without the server: the
 * server-facing scenarios run against test stand-ins ({@code /sipp/peer/*.xml}) that challenge and
 * verify digests the way the server must.
 */
class SippPeerToPeerTest {

  private static final Duration START = Duration.ofSeconds(5);
  private static final Duration RUN = Duration.ofSeconds(20);
  private static final SipAccount ALICE = new SipAccount("1001", "alice-secret");
  private static final SipAccount BOB = new SipAccount("1002", "bob-secret");

  @Test
  void builtInUacCompletesCallWithBuiltInUas() {
    try (Sipp uas = Sipp.builder(SippScenario.builtIn("uas")).start()) {
      uas.awaitListening(START);

      Sipp.builder(SippScenario.builtIn("uac")).remote(uas.address()).run(RUN).requireSuccess();

      SippResult served = uas.awaitExit(RUN).requireSuccess();
      assertThat(served.statistics()).hasValueSatisfying(s -> assertThat(s.successfulCalls()).isEqualTo(1));
    }
  }

  @Test
  void digestCallerCompletesCallThroughChallengingPeer() {
    callThroughChallengingPeer(SipTransport.UDP);
  }

  @Test
  void digestCallerCompletesCallOverTcp() {
    callThroughChallengingPeer(SipTransport.TCP);
  }

  private void callThroughChallengingPeer(SipTransport transport) {
    try (Sipp b2bua = stand_in("peer/challenge-answer.xml", ALICE).transport(transport).start()) {
      b2bua.awaitListening(START);

      SippResult call = SippPeers.caller(b2bua.address(), ALICE, "1002")
          .transport(transport).callDuration(Duration.ofMillis(200)).run(RUN).requireSuccess();

      b2bua.awaitExit(RUN).requireSuccess();
      assertThat(call.messageLog())
          .contains("Authorization: Digest username=\"1001\"")
          .contains("uri=\"sip:1002@127.0.0.1\"")
          .contains("BYE sip:b2bua@127.0.0.1");
      assertThat(call.statistics()).hasValueSatisfying(s -> assertThat(s.successfulCalls()).isEqualTo(1));
    }
  }

  @Test
  void digestCallerFailsWithWrongPassword() {
    try (Sipp b2bua = stand_in("peer/challenge-answer.xml", ALICE).start()) {
      b2bua.awaitListening(START);

      SippResult call = SippPeers.caller(b2bua.address(), new SipAccount("1001", "wrong"), "1002").run(RUN);

      assertThat(call.succeeded()).as(call.describe()).isFalse();
      assertThat(call.messageLog()).contains("SIP/2.0 403 Forbidden");
      assertThat(b2bua.awaitExit(RUN).succeeded()).isFalse();
    }
  }

  @Test
  void cancellingCallerCancelsWhileRinging() {
    try (Sipp b2bua = stand_in("peer/challenge-ring.xml", ALICE).start()) {
      b2bua.awaitListening(START);

      SippResult call = SippPeers.cancellingCaller(b2bua.address(), ALICE, "1002")
          .callDuration(Duration.ofMillis(200)).run(RUN).requireSuccess();

      b2bua.awaitExit(RUN).requireSuccess();
      assertThat(call.messageLog()).contains("CANCEL sip:1002@127.0.0.1").contains("SIP/2.0 487");
    }
  }

  @Test
  void rejectedCallerAcceptsTheExpectedStatus() {
    try (Sipp b2bua = rejectingStandIn(486, "Busy Here")) {
      SippPeers.rejectedCaller(b2bua.address(), ALICE, "1002", 486).run(RUN).requireSuccess();

      b2bua.awaitExit(RUN).requireSuccess();
    }
  }

  @Test
  void rejectedCallerFailsOnAnotherStatus() {
    try (Sipp b2bua = rejectingStandIn(486, "Busy Here")) {
      SippResult call = SippPeers.rejectedCaller(b2bua.address(), ALICE, "1002", 404).run(RUN);

      assertThat(call.succeeded()).as(call.describe()).isFalse();
      assertThat(call.errorLog()).contains("486");
    }
  }

  private static Sipp rejectingStandIn(int status, String reason) {
    Sipp b2bua = Sipp.builder(SippScenario.resource("peer/challenge-reject.xml")
            .with("status", Integer.toString(status)).with("reason", reason))
        .accounts(ALICE).start();
    b2bua.awaitListening(START);
    return b2bua;
  }

  @Test
  void registrationSucceedsWithTheRightPassword() {
    try (Sipp registrar = stand_in("peer/registrar.xml", BOB).start()) {
      registrar.awaitListening(START);

      SippResult registration = SippPeers.registration(registrar.address(), BOB).run(RUN).requireSuccess();

      registrar.awaitExit(RUN).requireSuccess();
      assertThat(registration.actionLog()).contains("registered 1002");
      assertThat(registration.messageLog()).contains("uri=\"sip:127.0.0.1\"");
    }
  }

  @Test
  void registrationFailsWithAWrongPassword() {
    try (Sipp registrar = stand_in("peer/registrar.xml", BOB).start()) {
      registrar.awaitListening(START);

      SippResult registration = SippPeers.registration(registrar.address(), new SipAccount("1002", "nope")).run(RUN);

      assertThat(registration.succeeded()).isFalse();
      assertThat(registration.messageLog()).contains("SIP/2.0 403 Forbidden");
    }
  }

  @Test
  void registeredCalleeAnswersKeepAlivesAndCalls() throws IOException {
    try (Sipp registrar = stand_in("peer/registrar.xml", BOB).start()) {
      registrar.awaitListening(START);
      try (Sipp callee = SippPeers.registeredCallee(registrar.address(), BOB, CalleeBehavior.answer(), 2).start()) {
        callee.awaitRegistered(START);
        registrar.awaitExit(RUN).requireSuccess();

        assertThat(sendOptions(callee.port())).startsWith("SIP/2.0 200 OK");
        for (int call = 0; call < 2; call++) {
          Sipp.builder(SippScenario.builtIn("uac")).service("1002").remote(callee.address()).run(RUN).requireSuccess();
        }

        SippResult served = callee.awaitExit(RUN).requireSuccess();
        assertThat(served.actionLog()).contains("registered 1002").containsPattern("(?s)answered .*answered ");
      }
    }
  }

  @Test
  void registeredCalleeRejectsAsBusy() {
    registeredCalleeServes(CalleeBehavior.busy(),
        Sipp.builder(SippScenario.resource("peer/caller-expect-status.xml").with("status", "486")));
  }

  @Test
  void registeredCalleeRingsUntilCancelled() {
    registeredCalleeServes(CalleeBehavior.ringUntilCancelled(),
        Sipp.builder(SippScenario.resource("peer/caller-cancel.xml")).callDuration(Duration.ofMillis(200)));
  }

  private void registeredCalleeServes(CalleeBehavior behavior, Sipp.Builder caller) {
    try (Sipp registrar = stand_in("peer/registrar.xml", BOB).start()) {
      registrar.awaitListening(START);
      try (Sipp callee = SippPeers.registeredCallee(registrar.address(), BOB, behavior).start()) {
        callee.awaitRegistered(START);

        caller.service("1002").remote(callee.address()).run(RUN).requireSuccess();

        callee.awaitExit(RUN).requireSuccess();
      }
    }
  }

  @Test
  void calleeStopsAtOnceOnAnUnexpectedRequest() {
    try (Sipp callee = SippPeers.callee(CalleeBehavior.answer()).callDuration(Duration.ofSeconds(2)).start()) {
      callee.awaitListening(START);

      SippResult caller = Sipp.builder(SippScenario.resource("peer/caller-cancel.xml"))
          .service("1002").callDuration(Duration.ofMillis(100)).remote(callee.address()).run(Duration.ofSeconds(3));

      SippResult served = callee.awaitExit(RUN);
      assertThat(served.exitCode()).as(served.describe()).isEqualTo(97);
      assertThat(served.actionLog()).contains("unexpected message");
      assertThat(caller.succeeded()).isFalse();
    }
  }

  @Test
  void closeEndsTheProcess() {
    Sipp uas = SippPeers.callee(CalleeBehavior.answer()).start();
    uas.awaitListening(START);
    long pid = uas.pid();

    uas.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(ListeningSockets.isListening(SipTransport.UDP, uas.port())).isFalse();
  }

  @Test
  void awaitListeningFailsFastWhenSippCannotStart() {
    try (Sipp broken = Sipp.builder(SippScenario.builtIn("uas")).arguments("-no_such_option").start()) {
      assertThatThrownBy(() -> broken.awaitListening(START))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("SIPp exited");
    }
  }

  private static Sipp.Builder stand_in(String resource, SipAccount account) {
    return Sipp.builder(SippScenario.resource(resource)).accounts(account);
  }

  private static String sendOptions(int port) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5000);
      int local = socket.getLocalPort();
      String options = "OPTIONS sip:1002@127.0.0.1:" + port + " SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bK-keepalive-1\r\n"
          + "From: <sip:registrar@127.0.0.1>;tag=ka1\r\n"
          + "To: <sip:1002@127.0.0.1>\r\n"
          + "Call-ID: keepalive-1@127.0.0.1\r\n"
          + "CSeq: 1 OPTIONS\r\n"
          + "Max-Forwards: 70\r\n"
          + "Content-Length: 0\r\n\r\n";
      byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
      socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
      DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
      socket.receive(reply);
      return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
    }
  }
}
