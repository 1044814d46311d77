package io.ramal.server.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.core.Anomaly;
import io.ramal.cti.core.Outcome;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CtiEvent;
import io.ramal.pbx.call.CallObserver;
import io.ramal.pbx.call.CallRecord;
import io.ramal.pbx.call.CallRecord.Direction;
import io.ramal.pbx.call.CallRecord.Disposition;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a click-to-call, as the PBX reports it step by step, looks like to an integrator: the
 * observer callbacks go through {@link TelephonyFacts} into a real {@link Switchboard}, and the
 * events come out in the documented order with the device as caller, without anomalies.
 */
class TelephonyFactsTest {
  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");
  private final Switchboard board = new Switchboard("acme");
  private final List<CtiEvent> events = new ArrayList<>();
  private final List<Anomaly> anomalies = new ArrayList<>();
  private final TelephonyFacts facts = new TelephonyFacts(fact -> {
    Outcome outcome = board.on(fact);
    events.addAll(outcome.events());
    outcome.anomaly().ifPresent(anomalies::add);
  }, InstantSource.fixed(T0));

  private void originate(String callId, Direction direction, String destination) {
    facts.originated(new CallObserver.Offer("acme", callId, direction, "1001", "Alice", destination, true, T0));
  }

  private void end(String callId, Direction direction, String destination, Disposition disposition, String cause,
      boolean answered) {
    facts.ended(new CallRecord(callId, "acme", callId + "@sip", "1001", destination, direction, T0,
        answered ? Optional.of(T0) : Optional.empty(), T0.plusSeconds(5), disposition, cause));
  }

  private List<String> trace() {
    return events.stream().map(e -> e.type().wire() + "@" + e.device().orElse("-")).toList();
  }

  @Test
  void anAnsweredClickToCallGoesOriginatedEstablishedDeliveredEstablished() {
    originate("c1", Direction.INTERNAL, "1002");
    facts.originatorAnswered("acme", "c1", T0);
    facts.destinationCalled("acme", "c1", Direction.INTERNAL, "1002", T0);
    facts.alerting("acme", "c1", T0);
    facts.answered("acme", "c1", T0);
    end("c1", Direction.INTERNAL, "1002", Disposition.ANSWERED, "hung up through the API", true);

    assertThat(trace()).containsExactly("call.originated@1001", "call.established@1001", "call.delivered@1002",
        "call.established@1002", "connection.cleared@1002", "connection.cleared@1001");
    CallEvent delivered = (CallEvent) events.get(2);
    assertThat(delivered.call().callerNumber()).isEqualTo("1001");
    assertThat(delivered.call().calleeNumber()).isEqualTo("1002");
    assertThat(anomalies).isEmpty();
  }

  @Test
  void aSupervisorsPhoneIsBusyWithTheCallFromItsAnswerToTheEndOfTheSupervision() {
    List<io.ramal.cti.fact.TelephonyFact> seen = new ArrayList<>();
    TelephonyFacts translator = new TelephonyFacts(seen::add, InstantSource.fixed(T0));
    translator.supervisionEnded("acme", "c1", "s0", "not_answered", "480 Temporarily Unavailable", T0);
    translator.supervisionStarted("acme", "c1", "s1", "1003", io.ramal.pbx.media.SupervisionMode.LISTEN,
        Optional.of("1002"), false, T0.plusSeconds(1));
    translator.supervisionModeChanged("acme", "c1", "s1", io.ramal.pbx.media.SupervisionMode.BARGE, Optional.empty(),
        T0.plusSeconds(5));
    translator.supervisionEnded("acme", "c1", "s1", "stopped", "stopped through the API", T0.plusSeconds(9));

    assertThat(seen).containsExactly(new io.ramal.cti.fact.SupervisorConnected("acme", "1003", "c1", T0.plusSeconds(1)),
        new io.ramal.cti.fact.SupervisorReleased("acme", "1003", "c1", T0.plusSeconds(9)));
  }

  @Test
  void anOwnDeviceThatIsBusyFailsTheCallWithoutACalleeParty() {
    originate("c2", Direction.INTERNAL, "1002");
    end("c2", Direction.INTERNAL, "1002", Disposition.BUSY, "486 Busy Here (the originating device 1001)", false);

    assertThat(trace()).containsExactly("call.originated@1001", "call.failed@1001", "connection.cleared@1001");
    assertThat(anomalies).isEmpty();
  }

  @Test
  void aClickToCallClearedWhileTheOwnDeviceRingsIsCancelled() {
    originate("c3", Direction.OUTBOUND, "+5511955554444");
    end("c3", Direction.OUTBOUND, "+5511955554444", Disposition.CANCELLED, "hung up through the API", false);

    assertThat(trace()).containsExactly("call.originated@1001", "connection.cleared@1001");
    assertThat(anomalies).isEmpty();
  }

  @Test
  void aBusyExternalDestinationFailsAfterTheOwnDeviceAnswered() {
    originate("c4", Direction.OUTBOUND, "+5511955554444");
    facts.originatorAnswered("acme", "c4", T0);
    facts.destinationCalled("acme", "c4", Direction.OUTBOUND, "+5511955554444", T0);
    end("c4", Direction.OUTBOUND, "+5511955554444", Disposition.BUSY, "486 Busy Here", false);

    assertThat(trace()).containsExactly("call.originated@1001", "call.established@1001",
        "call.failed@+5511955554444", "connection.cleared@+5511955554444", "connection.cleared@1001");
    assertThat(anomalies).isEmpty();
  }

  private void call(String callId, String caller, String callee) {
    facts.offered(new CallObserver.Offer("acme", callId, Direction.INTERNAL, caller, "", callee, true, T0));
    facts.alerting("acme", callId, T0);
    facts.answered("acme", callId, T0);
  }

  private void ended(String callId, String caller, String callee, String cause) {
    facts.ended(new CallRecord(callId, "acme", callId + "@sip", caller, callee, Direction.INTERNAL, T0,
        Optional.of(T0), T0.plusSeconds(9), Disposition.ANSWERED, cause));
  }

  @Test
  void aPhonesAttendedTransferMovesTheCallerOfTheOtherCallIntoTheSurvivingCall() {
    call("k1", "1002", "1001"); // B called A
    call("k2", "1003", "1001"); // C called A: C is the caller of the consultation call
    facts.holdChanged("acme", "k1", false, true, io.ramal.pbx.media.HoldOrigin.PHONE, T0);
    events.clear();

    facts.transferredWith("acme", "k1", false, "1003", false, "k2", true, T0.plusSeconds(3));
    ended("k2", "1003", "1001", "transferred");
    facts.holdChanged("acme", "k1", false, true, io.ramal.pbx.media.HoldOrigin.PHONE, T0.plusSeconds(4));
    ended("k1", "1002", "1001", "callee hung up");

    // 1001 leaves k1, 1003 moves out of k2 (cleared there), 1001 leaves k2; 1003 is 1001's side of k1 from now on.
    assertThat(trace()).containsExactly("call.transferred@1001", "connection.cleared@1001", "connection.cleared@1003",
        "connection.cleared@1001", "call.held@1003", "connection.cleared@1003", "connection.cleared@1002");
    assertThat(events.get(4).callId()).contains("k1");
    assertThat(anomalies).isEmpty();
  }

  @Test
  void aQueuesOfferRingsTheAgentWithTheQueueAndTheCallersWaitAndOnlyThatOffer() {
    facts.queued("acme", "q1", "sales", "+5511988887777", "Maria", T0);
    facts.offering(new io.ramal.cti.queue.QueueEffect.Offer("acme", "q1", "sales", "u-alice", "alice", "1001",
        java.time.Duration.ofSeconds(15), "+5511988887777", Optional.of("Maria"), java.time.Duration.ofSeconds(12),
        io.ramal.cti.CampaignFields.NONE));
    facts.queueOfferCalled("acme", "q1", "1001", false, T0.plusSeconds(12));
    facts.queueOfferAlerting("acme", "q1", "1001", T0.plusSeconds(12));
    facts.queueOfferEnded("acme", "q1", "1001", 487, true, T0.plusSeconds(20));
    facts.queueOfferCalled("acme", "q1", "1001", false, T0.plusSeconds(21)); // a new offer nobody noted
    facts.queueOfferAlerting("acme", "q1", "1001", T0.plusSeconds(21));

    List<io.ramal.cti.event.CallDelivered> delivered = events.stream()
        .filter(e -> e instanceof io.ramal.cti.event.CallDelivered).map(e -> (io.ramal.cti.event.CallDelivered) e)
        .toList();
    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(0).data()).containsEntry("queue", java.util.Map.of("name", "sales", "wait_s", 12L));
    assertThat(delivered.get(0).call().queue()).contains("sales");
    assertThat(delivered.get(1).data()).containsEntry("queue", null);
    assertThat(anomalies).isEmpty();
  }

  @Test
  void aPhoneReplacingTheCalleeTakesItsPlaceAndTheReplacedPartyLeavesAsDiverted() {
    call("r1", "1001", "1002");
    events.clear();

    facts.sideReplaced("acme", "r1", false, "1003", T0.plusSeconds(2));
    facts.holdChanged("acme", "r1", false, true, io.ramal.pbx.media.HoldOrigin.PHONE, T0.plusSeconds(3));
    ended("r1", "1001", "1002", "caller hung up");

    assertThat(trace()).containsExactly("call.established@1003", "connection.cleared@1002", "call.held@1003",
        "connection.cleared@1003", "connection.cleared@1001");
    assertThat(((io.ramal.cti.event.ConnectionCleared) events.get(1)).cause())
        .isEqualTo(io.ramal.cti.ReleaseCause.DIVERTED);
    assertThat(anomalies).isEmpty();
  }

  @Test
  void theQueueHearsOfACallsEndAtTheInstantOfItsRecordWhicheverIsReportedFirst() {
    List<io.ramal.cti.queue.QueueFact> queue = new ArrayList<>();
    facts.queueFacts(queue::add);
    for (String callId : List.of("q1", "q2")) {
      facts.queued("acme", callId, "sales", "+5511988887777", "", T0);
      facts.queueOfferCalled("acme", callId, "1001", false, T0);
      facts.queueOfferAnswered("acme", callId, "1001", false, T0.plusSeconds(1));
    }
    CallRecord q1 = new CallRecord("q1", "acme", "q1@sip", "+5511988887777", "sales", Direction.INBOUND, T0,
        Optional.of(T0.plusSeconds(1)), T0.plusMillis(61_007), Disposition.ANSWERED, "BYE from caller");
    CallRecord q2 = new CallRecord("q2", "acme", "q2@sip", "+5511988887777", "sales", Direction.INBOUND, T0,
        Optional.of(T0.plusSeconds(1)), T0.plusMillis(31_003), Disposition.ANSWERED, "BYE from caller");

    facts.queueCallEnded("acme", "q1", T0.plusMillis(61_005));
    facts.ended(q1);
    facts.ended(q2);
    facts.queueCallEnded("acme", "q2", T0.plusMillis(31_009));

    assertThat(queue).filteredOn(f -> f instanceof io.ramal.cti.queue.QueueFact.CallEnded)
        .extracting(f -> f.callId() + "@" + f.at())
        .containsExactly("q1@" + T0.plusMillis(61_007), "q2@" + T0.plusMillis(31_003));
  }
}
