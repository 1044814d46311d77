package io.ramal.it.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.SipTransport;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.harness.SippScenario;
import io.ramal.it.server.TestServer;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.store.CallDirection;
import io.ramal.store.CallDisposition;
import io.ramal.store.CallRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SIPp phones against a running Ramal: digest REGISTER, calls between extensions over UDP and
 * TCP, CANCEL, busy, unknown extension, no answer, forking, a trunk number out and a DID in —
 * each checked from the phones' side and by the CDR it leaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SippCallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);
  private static final SipAccount ALICE = new SipAccount("1001", "demo1001");
  private static final SipAccount BOB = new SipAccount("1002", "demo1002");
  private TestServer server;
  private InetSocketAddress sip;
  private int trunkPort;

  @BeforeAll
  void startServer() {
    trunkPort = FreePorts.udpAndTcp();
    server = TestServer.start(FreePorts.udpAndTcp(), trunkPort, Duration.ofSeconds(3));
    sip = server.sipAddress();
  }

  @AfterAll
  void stopServer() {
    if (server != null) server.close();
  }

  private CallRecord lastRecordFor(String callee, int before) {
    await().atMost(Duration.ofSeconds(5)).until(() -> server.callRecords().size() > before);
    List<CallRecord> all = server.callRecords();
    return all.stream().filter(r -> r.callee().equals(callee)).findFirst().orElseThrow();
  }

  @Test
  void digestRegistrationCreatesABinding() {
    SippPeers.registration(sip, new SipAccount("1005", "demo1005")).run(RUN).requireSuccess();
    assertThat(server.ramal().pbx().location().lookup(new AddressOfRecord("demo", "1005"))).hasSize(1);
  }

  @Test
  void wrongPasswordIsRefused() {
    var result = SippPeers.registration(sip, new SipAccount("1006", "wrong")).run(RUN);
    assertThat(result.succeeded()).isFalse();
    assertThat(server.ramal().pbx().location().lookup(new AddressOfRecord("demo", "1006"))).isEmpty();
  }

  @Test
  void callBetweenExtensionsCompletesOverUdp() {
    callCompletes(SipTransport.UDP);
  }

  @Test
  void callBetweenExtensionsCompletesOverTcp() {
    callCompletes(SipTransport.TCP);
  }

  private void callCompletes(SipTransport transport) {
    int before = server.callRecords().size();
    try (Sipp callee = SippPeers.registeredCallee(sip, BOB, CalleeBehavior.answer()).transport(transport).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.caller(sip, ALICE, "1002").transport(transport).callDuration(Duration.ofMillis(300)).run(RUN)
          .requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    CallRecord r = lastRecordFor("1002", before);
    assertThat(r.caller()).isEqualTo("1001");
    assertThat(r.direction()).isEqualTo(CallDirection.INTERNAL);
    assertThat(r.disposition()).isEqualTo(CallDisposition.ANSWERED);
    assertThat(r.answeredAt()).isPresent();
  }

  @Test
  void reInviteAndUpdateAreAnsweredByRamalWhileTheOtherPartyIsLeftAlone() {
    // Media is anchored: each phone negotiates with Ramal, so a hold (a=sendonly) is answered
    // here (a=recvonly) and the callee, whose scenario accepts nothing after its 200 but the BYE,
    // never sees it.
    int before = server.callRecords().size();
    try (Sipp callee = SippPeers.registeredCallee(sip, new SipAccount("1009", "demo1009"), CalleeBehavior.answer())
        .start()) {
      callee.awaitRegistered(RUN);
      Sipp.builder(SippScenario.resource("uac-reinvite-digest.xml")).remote(sip).accounts(ALICE).service("1009")
          .callDuration(Duration.ofMillis(200)).run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    assertThat(lastRecordFor("1009", before).disposition()).isEqualTo(CallDisposition.ANSWERED);
  }

  @Test
  void cancelBeforeAnswerReachesTheCallee() {
    int before = server.callRecords().size();
    try (Sipp callee = SippPeers.registeredCallee(sip, new SipAccount("1003", "demo1003"), CalleeBehavior.ringUntilCancelled()).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.cancellingCaller(sip, ALICE, "1003").callDuration(Duration.ofMillis(300)).run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    assertThat(lastRecordFor("1003", before).disposition()).isEqualTo(CallDisposition.CANCELLED);
  }

  @Test
  void busyCalleeIsRelayedAs486() {
    int before = server.callRecords().size();
    try (Sipp callee = SippPeers.registeredCallee(sip, new SipAccount("1004", "demo1004"), CalleeBehavior.busy()).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.rejectedCaller(sip, ALICE, "1004", 486).run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    assertThat(lastRecordFor("1004", before).disposition()).isEqualTo(CallDisposition.BUSY);
  }

  @Test
  void unknownExtensionGets404() {
    int before = server.callRecords().size();
    SippPeers.rejectedCaller(sip, ALICE, "1999", 404).run(RUN).requireSuccess();
    assertThat(lastRecordFor("1999", before).disposition()).isEqualTo(CallDisposition.FAILED);
  }

  @Test
  void unansweredCallGets480AfterTheNoAnswerTimeout() {
    int before = server.callRecords().size();
    try (Sipp callee = SippPeers.registeredCallee(sip, new SipAccount("1007", "demo1007"), CalleeBehavior.ringUntilCancelled()).start()) {
      callee.awaitRegistered(RUN);
      SippPeers.rejectedCaller(sip, ALICE, "1007", 480).run(RUN).requireSuccess();
      callee.awaitExit(RUN).requireSuccess();
    }
    assertThat(lastRecordFor("1007", before).disposition()).isEqualTo(CallDisposition.NO_ANSWER);
  }

  @Test
  void everyRegisteredContactRingsAndTheOthersAreCancelledWhenOneAnswers() {
    int before = server.callRecords().size();
    SipAccount carol = new SipAccount("1008", "demo1008");
    try (Sipp ringing = SippPeers.registeredCallee(sip, carol, CalleeBehavior.ringUntilCancelled()).start();
        Sipp answering = SippPeers.registeredCallee(sip, carol, CalleeBehavior.answer()).start()) {
      ringing.awaitRegistered(RUN);
      answering.awaitRegistered(RUN);
      assertThat(server.ramal().pbx().location().lookup(new AddressOfRecord("demo", "1008"))).hasSize(2);
      SippPeers.caller(sip, ALICE, "1008").callDuration(Duration.ofMillis(500)).run(RUN).requireSuccess();
      answering.awaitExit(RUN).requireSuccess();
      ringing.awaitExit(RUN).requireSuccess();
    }
    assertThat(lastRecordFor("1008", before).disposition()).isEqualTo(CallDisposition.ANSWERED);
  }

  @Test
  void externalNumberLeavesThroughTheTrunk() {
    int before = server.callRecords().size();
    try (Sipp trunk = SippPeers.callee(CalleeBehavior.answer()).localPort(trunkPort).start()) {
      trunk.awaitListening(RUN);
      SippPeers.caller(sip, ALICE, "5511999990000").callDuration(Duration.ofMillis(300)).run(RUN).requireSuccess();
      trunk.awaitExit(RUN).requireSuccess();
    }
    CallRecord r = lastRecordFor("5511999990000", before);
    assertThat(r.direction()).isEqualTo(CallDirection.OUTBOUND);
    assertThat(r.disposition()).isEqualTo(CallDisposition.ANSWERED);
  }

  @Test
  void callFromTheTrunkToTheDidReachesItsExtension() {
    int before = server.callRecords().size();
    try (Sipp alice = SippPeers.registeredCallee(sip, ALICE, CalleeBehavior.answer()).start()) {
      alice.awaitRegistered(RUN);
      Sipp.builder(SippScenario.builtIn("uac")).remote(sip).localPort(trunkPort).service("4000").calls(1)
          .run(RUN).requireSuccess();
      alice.awaitExit(RUN).requireSuccess();
    }
    CallRecord r = lastRecordFor("1001", before);
    assertThat(r.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(r.disposition()).isEqualTo(CallDisposition.ANSWERED);
  }
}
