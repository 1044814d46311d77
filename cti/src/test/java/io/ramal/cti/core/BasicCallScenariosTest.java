package io.ramal.cti.core;

import static io.ramal.cti.Action.ANSWER;
import static io.ramal.cti.Action.CONFERENCE;
import static io.ramal.cti.Action.CONSULT;
import static io.ramal.cti.Action.HANGUP;
import static io.ramal.cti.Action.HOLD;
import static io.ramal.cti.Action.MUTE;
import static io.ramal.cti.Action.RECORD;
import static io.ramal.cti.Action.SEND_DTMF;
import static io.ramal.cti.Action.TRANSFER;
import static io.ramal.cti.core.TelephonyScript.only;
import static io.ramal.cti.core.TelephonyScript.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.CallState;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CallFailed;
import io.ramal.cti.event.ConnectionCleared;
import io.ramal.cti.event.CtiEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two-party calls from dial to hang-up, as a user of the event stream would watch them. */
class BasicCallScenariosTest {
    private TelephonyScript pbx;

    @BeforeEach
    void phones() {
        pbx = new TelephonyScript("acme");
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1002", 1, DeviceAbilities.FULL);
        pbx.register("1003", 1, DeviceAbilities.NONE);
    }

    @Test
    void internalCallAnsweredAndHungUpGivesOriginatedDeliveredEstablishedAndTwoClears() {
        CallEvent originated = only(pbx.dialInternal("c1", "1001", "1002"));
        assertThat(originated.type().wire()).isEqualTo("call.originated");
        assertThat(originated.party().device()).isEqualTo("1001");
        assertThat(originated.party().state()).isEqualTo(ConnectionState.INITIATED);
        assertThat(originated.party().originator()).isTrue();
        assertThat(originated.party().capabilities().allowed()).containsExactly(HANGUP);
        assertThat(originated.call().version()).isEqualTo(1);
        assertThat(originated.call().state()).isEqualTo(CallState.INITIATED);
        assertThat(originated.call().direction()).isEqualTo(Direction.INTERNAL);
        assertThat(originated.call().callerNumber()).isEqualTo("1001");
        assertThat(originated.call().callerName()).contains("Alice");
        assertThat(originated.call().calleeNumber()).isEqualTo("1002");
        assertThat(originated.call().calleeName()).contains("Bob");

        assertThat(pbx.leg("c1", "c1-b", Endpoint.device("1002"))).isEmpty();
        assertThat(pbx.board.call("c1").orElseThrow().parties()).extracting(PartySnapshot::device)
                .containsExactly("1001");

        CallEvent delivered = only(pbx.alert("c1", "c1-b"));
        assertThat(delivered.type().wire()).isEqualTo("call.delivered");
        assertThat(delivered.party().device()).isEqualTo("1002");
        assertThat(delivered.party().name()).contains("Bob");
        assertThat(delivered.party().state()).isEqualTo(ConnectionState.ALERTING);
        assertThat(delivered.party().capabilities().allowed()).containsExactlyInAnyOrder(ANSWER, HANGUP);
        assertThat(delivered.call().version()).isEqualTo(2);
        assertThat(delivered.call().state()).isEqualTo(CallState.ALERTING);
        assertThat(delivered.call().parties()).extracting(PartySnapshot::device, PartySnapshot::state)
                .containsExactly(tuple("1001", ConnectionState.INITIATED), tuple("1002", ConnectionState.ALERTING));

        CallEvent established = only(pbx.answer("c1", "c1-b"));
        assertThat(established.type().wire()).isEqualTo("call.established");
        assertThat(established.party().device()).isEqualTo("1002");
        assertThat(established.call().version()).isEqualTo(3);
        assertThat(established.call().state()).isEqualTo(CallState.CONNECTED);
        assertThat(established.call().answeredAt()).contains(established.at());
        for (PartySnapshot party : established.call().parties()) {
            assertThat(party.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(party.capabilities().allowed())
                    .containsExactlyInAnyOrder(HANGUP, HOLD, TRANSFER, CONSULT, CONFERENCE, SEND_DTMF, RECORD, MUTE);
        }

        ConnectionCleared callerGone = (ConnectionCleared) only(pbx.release("c1", "c1-a", ReleaseCause.NORMAL));
        assertThat(callerGone.party().device()).isEqualTo("1001");
        assertThat(callerGone.party().state()).isEqualTo(ConnectionState.CLEARED);
        assertThat(callerGone.party().capabilities().allowed()).isEmpty();
        assertThat(callerGone.cause()).isEqualTo(ReleaseCause.NORMAL);
        assertThat(callerGone.call().version()).isEqualTo(4);
        assertThat(callerGone.call().parties()).singleElement().satisfies(bob -> {
            assertThat(bob.device()).isEqualTo("1002");
            assertThat(bob.capabilities().allowed()).containsExactlyInAnyOrder(HANGUP);
        });

        ConnectionCleared calleeGone = (ConnectionCleared) only(pbx.release("c1", "c1-b", ReleaseCause.NORMAL));
        assertThat(calleeGone.party().device()).isEqualTo("1002");
        assertThat(calleeGone.call().version()).isEqualTo(5);
        assertThat(calleeGone.call().state()).isEqualTo(CallState.CLEARED);
        assertThat(calleeGone.call().parties()).isEmpty();

        assertThat(pbx.board.snapshot().calls()).isEmpty();
        assertThat(pbx.anomalies).isEmpty();
    }

    @Test
    void ringingAtADeviceWithoutRemoteAnswerCannotBeAnsweredFromTheServer() {
        pbx.dialInternal("c1", "1001", "1003");
        pbx.leg("c1", "c1-b", Endpoint.device("1003"));
        CallEvent delivered = only(pbx.alert("c1", "c1-b"));

        assertThat(delivered.party().capabilities().canAnswer()).isFalse();
        assertThat(delivered.party().capabilities().canHangup()).isTrue();
    }

    @Test
    void callerCancellingWhileRingingClearsBothPartiesWithoutAFailure() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b");

        List<CtiEvent> cancel = pbx.release("c1", "c1-a", ReleaseCause.CANCELLED);
        List<CtiEvent> stopRinging = pbx.release("c1", "c1-b", ReleaseCause.CANCELLED);

        assertThat(trace(cancel)).containsExactly("connection.cleared@1001");
        assertThat(trace(stopRinging)).containsExactly("connection.cleared@1002");
        assertThat(((ConnectionCleared) stopRinging.getFirst()).cause()).isEqualTo(ReleaseCause.CANCELLED);
        assertThat(((CallEvent) cancel.getFirst()).call().state()).isEqualTo(CallState.ALERTING);
        assertThat(((CallEvent) stopRinging.getFirst()).call().state()).isEqualTo(CallState.CLEARED);
        assertThat(((CallEvent) stopRinging.getFirst()).call().answeredAt()).isEmpty();
        assertThat(pbx.events).noneMatch(e -> e instanceof CallFailed);
        assertThat(pbx.board.snapshot().calls()).isEmpty();
    }

    @Test
    void cancelBeforeAnythingRangEndsTheCallAndAbsorbsTheUnseenLeg() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));

        assertThat(trace(pbx.release("c1", "c1-a", ReleaseCause.CANCELLED))).containsExactly("connection.cleared@1001");
        assertThat(pbx.release("c1", "c1-b", ReleaseCause.CANCELLED)).isEmpty();
        assertThat(pbx.anomalies).isEmpty();
        assertThat(pbx.board.snapshot().calls()).isEmpty();
    }

    @Test
    void busyCalleeFailsTheCallOnceThenClearsBothParties() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));

        List<CtiEvent> busy = pbx.release("c1", "c1-b", ReleaseCause.BUSY);
        List<CtiEvent> callerHangsUp = pbx.release("c1", "c1-a", ReleaseCause.BUSY);

        assertThat(trace(busy)).containsExactly("call.failed@1002", "connection.cleared@1002");
        CallFailed failed = (CallFailed) busy.getFirst();
        assertThat(failed.cause()).isEqualTo(ReleaseCause.BUSY);
        assertThat(failed.party().state()).isEqualTo(ConnectionState.FAILED);
        assertThat(failed.call().state()).isEqualTo(CallState.FAILED);
        assertThat(failed.call().parties()).extracting(PartySnapshot::device).containsExactly("1001", "1002");
        assertThat(((CallEvent) busy.get(1)).call().state()).isEqualTo(CallState.FAILED);
        assertThat(trace(callerHangsUp)).containsExactly("connection.cleared@1001");
        assertThat(((ConnectionCleared) callerHangsUp.getFirst()).cause()).isEqualTo(ReleaseCause.BUSY);
        assertThat(pbx.board.snapshot().calls()).isEmpty();
    }

    @Test
    void noAnswerFailsAtTheRingingDevice() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b");

        List<CtiEvent> timeout = pbx.release("c1", "c1-b", ReleaseCause.NO_ANSWER);
        pbx.release("c1", "c1-a", ReleaseCause.NO_ANSWER);

        assertThat(trace(timeout)).containsExactly("call.failed@1002", "connection.cleared@1002");
        assertThat(((CallFailed) timeout.getFirst()).cause()).isEqualTo(ReleaseCause.NO_ANSWER);
        assertThat(trace(pbx.events.subList(3, pbx.events.size()))).containsExactly(
                "call.originated@1001", "call.delivered@1002", "call.failed@1002", "connection.cleared@1002",
                "connection.cleared@1001");
    }

    @Test
    void callToANumberThatGoesNowhereFailsForTheCaller() {
        pbx.dialInternal("c1", "1001", "1999");

        List<CtiEvent> events = pbx.release("c1", "c1-a", ReleaseCause.UNREACHABLE);

        assertThat(trace(events)).containsExactly("call.failed@1001", "connection.cleared@1001");
        assertThat(((CallFailed) events.getFirst()).call().calleeNumber()).isEqualTo("1999");
    }

    @Test
    void forkedRingingToTwoContactsOfOneDeviceDeliversOnceAndDropsTheLoserQuietly() {
        pbx.register("1002", 2, DeviceAbilities.FULL);
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b1", Endpoint.device("1002"));
        pbx.leg("c1", "c1-b2", Endpoint.device("1002"));

        List<CtiEvent> firstRings = pbx.alert("c1", "c1-b1");
        List<CtiEvent> secondRings = pbx.alert("c1", "c1-b2");
        List<CtiEvent> deskPhoneAnswers = pbx.answer("c1", "c1-b2");
        List<CtiEvent> softphoneCancelled = pbx.release("c1", "c1-b1", ReleaseCause.ANSWERED_ELSEWHERE);

        assertThat(trace(firstRings)).containsExactly("call.delivered@1002");
        assertThat(secondRings).isEmpty();
        assertThat(trace(deskPhoneAnswers)).containsExactly("call.established@1002");
        assertThat(softphoneCancelled).isEmpty();
        CallSnapshot call = pbx.board.call("c1").orElseThrow();
        assertThat(call.parties()).extracting(PartySnapshot::device).containsExactly("1001", "1002");
        assertThat(call.version()).isEqualTo(3);
        assertThat(trace(pbx.release("c1", "c1-b2", ReleaseCause.NORMAL))).containsExactly("connection.cleared@1002");
        assertThat(pbx.anomalies).isEmpty();
    }

    @Test
    void oneForkBusyWhileAnotherStillRingsChangesNothing() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b1", Endpoint.device("1002"));
        pbx.leg("c1", "c1-b2", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b1");

        assertThat(pbx.release("c1", "c1-b2", ReleaseCause.BUSY)).isEmpty();
        assertThat(pbx.board.call("c1").orElseThrow().party("1002").orElseThrow().state())
                .isEqualTo(ConnectionState.ALERTING);
    }

    @Test
    void ringGroupAnsweredByOneClearsTheOthersAsAnsweredElsewhere() {
        pbx.dialInternal("c1", "1001", "600");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.leg("c1", "c1-c", Endpoint.device("1003"));
        pbx.alert("c1", "c1-b");
        pbx.alert("c1", "c1-c");

        pbx.answer("c1", "c1-c");
        List<CtiEvent> loser = pbx.release("c1", "c1-b", ReleaseCause.ANSWERED_ELSEWHERE);

        assertThat(trace(loser)).containsExactly("connection.cleared@1002");
        assertThat(((ConnectionCleared) loser.getFirst()).cause()).isEqualTo(ReleaseCause.ANSWERED_ELSEWHERE);
        assertThat(pbx.events).noneMatch(e -> e instanceof CallFailed);
        assertThat(pbx.board.call("c1").orElseThrow().parties()).extracting(PartySnapshot::device)
                .containsExactly("1001", "1003");
    }

    @Test
    void inboundTrunkCallToADidRingsTheExtensionWithTheCallerAndTheDid() {
        pbx.create(new io.ramal.cti.fact.CallCreated("acme", "in1", pbx.now(), "in1-a",
                Endpoint.external("+5511988887777"), Optional.of("Customer"), "+551130001000",
                Optional.of("Sales line"), Direction.INBOUND, Optional.empty()));
        pbx.leg("in1", "in1-b", Endpoint.device("1002"));
        CallEvent delivered = only(pbx.alert("in1", "in1-b"));
        CallEvent established = only(pbx.answer("in1", "in1-b"));

        assertThat(trace(pbx.events.subList(3, pbx.events.size())))
                .containsExactly("call.originated@+5511988887777", "call.delivered@1002", "call.established@1002");
        assertThat(delivered.call().direction()).isEqualTo(Direction.INBOUND);
        assertThat(delivered.call().callerNumber()).isEqualTo("+5511988887777");
        assertThat(delivered.call().callerName()).contains("Customer");
        assertThat(delivered.call().calleeNumber()).isEqualTo("+551130001000");
        assertThat(delivered.call().calleeName()).contains("Sales line");
        PartySnapshot customer = established.call().party("+5511988887777").orElseThrow();
        assertThat(customer.endpoint().external()).isTrue();
        assertThat(customer.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(customer.capabilities().allowed()).containsExactlyInAnyOrder(HANGUP, MUTE);
        assertThat(established.call().party("1002").orElseThrow().capabilities().canHold()).isTrue();
    }

    @Test
    void outboundCallToAnExternalNumberRingsAndAnswersAtTheTrunkParty() {
        pbx.dial("out1", "1001", "+5521999990000", Direction.OUTBOUND);
        pbx.leg("out1", "out1-b", Endpoint.external("+5521999990000"));
        CallEvent delivered = only(pbx.alert("out1", "out1-b"));
        CallEvent established = only(pbx.answer("out1", "out1-b"));

        assertThat(delivered.party().device()).isEqualTo("+5521999990000");
        assertThat(delivered.party().endpoint().external()).isTrue();
        assertThat(delivered.party().capabilities().canAnswer()).isFalse();
        assertThat(delivered.call().direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(established.call().party("1001").orElseThrow().capabilities().allowed())
                .contains(HOLD, TRANSFER, CONSULT, RECORD);
        assertThat(established.call().calleeNumber()).isEqualTo("+5521999990000");
    }

    @Test
    void everyPartyThatAppearedEndsWithExactlyOneConnectionCleared() {
        pbx.talking("c1", "1001", "1002");
        pbx.release("c1", "c1-b", ReleaseCause.NORMAL);
        pbx.release("c1", "c1-a", ReleaseCause.NORMAL);
        pbx.dialInternal("c2", "1001", "1002");
        pbx.leg("c2", "c2-b", Endpoint.device("1002"));
        pbx.release("c2", "c2-b", ReleaseCause.REJECTED);
        pbx.release("c2", "c2-a", ReleaseCause.REJECTED);

        for (String callId : List.of("c1", "c2")) {
            List<CallEvent> ofCall = pbx.events.stream()
                    .filter(e -> e instanceof CallEvent c && c.call().callId().equals(callId))
                    .map(CallEvent.class::cast).toList();
            List<String> appeared = ofCall.stream().map(e -> e.party().device()).distinct().toList();
            List<String> cleared = ofCall.stream().filter(e -> e instanceof ConnectionCleared)
                    .map(e -> e.party().device()).toList();
            assertThat(cleared).containsExactlyInAnyOrderElementsOf(appeared);
            assertThat(ofCall.getLast().call().state()).isEqualTo(CallState.CLEARED);
        }
    }

    @Test
    void versionGrowsByOneWithEveryCallEvent() {
        pbx.talking("c1", "1001", "1002");
        pbx.hold("c1", "c1-a");
        pbx.retrieve("c1", "c1-a");
        pbx.release("c1", "c1-a", ReleaseCause.NORMAL);
        pbx.release("c1", "c1-b", ReleaseCause.NORMAL);

        List<Long> versions = pbx.events.stream().filter(e -> e instanceof CallEvent)
                .map(e -> ((CallEvent) e).call().version()).toList();
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
