package io.ramal.cti.core;

import static io.ramal.cti.core.TelephonyScript.only;
import static io.ramal.cti.core.TelephonyScript.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.CallState;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.DiversionReason;
import io.ramal.cti.Endpoint;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.event.CallConferenced;
import io.ramal.cti.event.CallDiverted;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CallTransferred;
import io.ramal.cti.event.ConnectionCleared;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.fact.CallCreated;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls that move: click-to-call, diversion, pickup, blind and attended transfer, conference. */
class TransferDiversionAndConferenceTest {
    private TelephonyScript pbx;

    @BeforeEach
    void phones() {
        pbx = new TelephonyScript("acme");
        for (String device : List.of("1001", "1002", "1003")) {
            pbx.register(device, 1, DeviceAbilities.FULL);
        }
        pbx.events.clear();
    }

    @Test
    void clickToCallRingsTheCallersOwnDeviceFirstThenTheDestination() {
        pbx.create(new CallCreated("acme", "ctc", pbx.now(), "ctc-a", Endpoint.device("1001"),
                Optional.of("Alice"), "1002", Optional.of("Bob"), Direction.INTERNAL, Optional.empty()));
        pbx.alert("ctc", "ctc-a");
        CallEvent ownLegAnswered = only(pbx.answer("ctc", "ctc-a"));
        pbx.leg("ctc", "ctc-b", Endpoint.device("1002"));
        pbx.alert("ctc", "ctc-b");
        CallEvent destinationAnswered = only(pbx.answer("ctc", "ctc-b"));

        assertThat(trace(pbx.events)).containsExactly("call.originated@1001", "call.delivered@1001",
                "call.established@1001", "call.delivered@1002", "call.established@1002");
        assertThat(ownLegAnswered.call().state()).isEqualTo(CallState.INITIATED);
        assertThat(ownLegAnswered.call().answeredAt()).isEmpty();
        assertThat(destinationAnswered.call().state()).isEqualTo(CallState.CONNECTED);
        assertThat(destinationAnswered.call().answeredAt()).contains(destinationAnswered.at());
    }

    @Test
    void forwardingWhileRingingDivertsAndClearsTheForwardingDevice() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b");

        List<CtiEvent> diverted = pbx.redirect("c1", Endpoint.device("1002"), Endpoint.device("1003"),
                DiversionReason.FORWARDED);
        List<CtiEvent> lateCancel = pbx.release("c1", "c1-b", ReleaseCause.CANCELLED);
        pbx.leg("c1", "c1-c", Endpoint.device("1003"));
        List<CtiEvent> newTarget = pbx.alert("c1", "c1-c");

        assertThat(trace(diverted)).containsExactly("call.diverted@1002", "connection.cleared@1002");
        CallDiverted divert = (CallDiverted) diverted.getFirst();
        assertThat(divert.details()).containsEntry("diverted_to", "1003").containsEntry("reason", "forwarded");
        assertThat(((ConnectionCleared) diverted.get(1)).cause()).isEqualTo(ReleaseCause.DIVERTED);
        assertThat(lateCancel).isEmpty();
        assertThat(trace(newTarget)).containsExactly("call.delivered@1003");
        assertThat(pbx.anomalies).isEmpty();
    }

    @Test
    void unconditionalForwardingReportsTheDiversionOfADeviceThatNeverRang() {
        pbx.dialInternal("c1", "1001", "1002");

        CallDiverted divert = (CallDiverted) only(pbx.redirect("c1", Endpoint.device("1002"),
                Endpoint.external("+5511955554444"), DiversionReason.FORWARDED));

        assertThat(divert.party().state()).isEqualTo(ConnectionState.NULL);
        assertThat(divert.details()).containsEntry("diverted_to_external", true);
        assertThat(divert.call().parties()).extracting(PartySnapshot::device).containsExactly("1001");
    }

    @Test
    void pickupDivertsFromTheRingingDeviceAndEstablishesAtThePicker() {
        pbx.dialInternal("c1", "1001", "1002");
        pbx.leg("c1", "c1-b", Endpoint.device("1002"));
        pbx.alert("c1", "c1-b");
        pbx.events.clear();

        pbx.redirect("c1", Endpoint.device("1002"), Endpoint.device("1003"), DiversionReason.PICKED_UP);
        pbx.leg("c1", "c1-c", Endpoint.device("1003"));
        pbx.answer("c1", "c1-c");

        assertThat(trace(pbx.events)).containsExactly("call.diverted@1002", "connection.cleared@1002",
                "call.established@1003");
        assertThat(pbx.board.call("c1").orElseThrow().state()).isEqualTo(CallState.CONNECTED);
    }

    @Test
    void blindTransferClearsTheTransferrerAndRingsTheTarget() {
        pbx.talking("c1", "1001", "1002");
        pbx.events.clear();

        List<CtiEvent> transfer = pbx.transfer("c1", "c1-b", Endpoint.device("1003"), Optional.empty());
        List<CtiEvent> transferrerLegEnds = pbx.release("c1", "c1-b", ReleaseCause.NORMAL);
        pbx.leg("c1", "c1-c", Endpoint.device("1003"));
        pbx.alert("c1", "c1-c");
        pbx.answer("c1", "c1-c");

        assertThat(trace(pbx.events)).containsExactly("call.transferred@1002", "connection.cleared@1002",
                "call.delivered@1003", "call.established@1003");
        CallTransferred transferred = (CallTransferred) transfer.getFirst();
        assertThat(transferred.details()).containsEntry("kind", "blind").containsEntry("transferred_to", "1003");
        assertThat(((ConnectionCleared) transfer.get(1)).cause()).isEqualTo(ReleaseCause.TRANSFERRED);
        assertThat(transferrerLegEnds).isEmpty();
        assertThat(pbx.board.call("c1").orElseThrow().parties()).extracting(PartySnapshot::device)
                .containsExactly("1001", "1003");
        assertThat(pbx.anomalies).isEmpty();
    }

    @Test
    void consultationCallOffersCompleteTransferOnceTheConsultedPartyRings() {
        consultFrom1002To1003();

        CallSnapshot consult = pbx.board.call("c2").orElseThrow();
        PartySnapshot transferrer = consult.party("1002").orElseThrow();
        assertThat(consult.consultationOf()).contains("c1");
        assertThat(transferrer.capabilities().canCompleteTransfer()).isTrue();
        assertThat(transferrer.capabilities().canConsult()).isFalse();
        PartySnapshot holding = pbx.board.call("c1").orElseThrow().party("1002").orElseThrow();
        assertThat(holding.state()).isEqualTo(ConnectionState.HELD);
        assertThat(holding.capabilities().canConsult()).isFalse();
    }

    @Test
    void attendedTransferJoinsTheConsultedPartyIntoTheHeldCallAndEndsTheConsultation() {
        consultFrom1002To1003();
        pbx.events.clear();

        List<CtiEvent> complete = pbx.transfer("c1", "c1-b", Endpoint.device("1003"), Optional.of("c2"));

        assertThat(complete).extracting(e -> e.type().wire() + "@" + e.device().orElseThrow() + "/"
                + e.callId().orElseThrow()).containsExactly(
                "call.transferred@1002/c1", "connection.cleared@1002/c1",
                "connection.cleared@1003/c2", "connection.cleared@1002/c2");
        CallTransferred transferred = (CallTransferred) complete.getFirst();
        assertThat(transferred.details()).containsEntry("kind", "attended").containsEntry("consult_call_id", "c2");
        CallEvent consultEnds = (CallEvent) complete.getLast();
        assertThat(consultEnds.call().state()).isEqualTo(CallState.CLEARED);

        CallSnapshot joined = pbx.board.call("c1").orElseThrow();
        assertThat(joined.parties()).extracting(PartySnapshot::device, PartySnapshot::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1001", ConnectionState.CONNECTED),
                org.assertj.core.groups.Tuple.tuple("1003", ConnectionState.CONNECTED));
        assertThat(joined.party("1003").orElseThrow().originator()).isFalse();
        assertThat(pbx.board.snapshot().calls()).extracting(CallSnapshot::callId).containsExactly("c1");

        assertThat(pbx.release("c2", "c2-a", ReleaseCause.NORMAL)).isEmpty();
        assertThat(trace(pbx.release("c1", "c2-b", ReleaseCause.NORMAL))).containsExactly("connection.cleared@1003");
        assertThat(pbx.anomalies).isEmpty();
    }

    @Test
    void mergingAHeldCallAndAConsultationMakesAThreeWayConference() {
        pbx.talking("c1", "1001", "1002");
        pbx.hold("c1", "c1-a");
        pbx.create(new CallCreated("acme", "c2", pbx.now(), "c2-a", Endpoint.device("1001"), Optional.of("Alice"),
                "1003", Optional.of("Carol"), Direction.INTERNAL, Optional.of("c1")));
        pbx.leg("c2", "c2-b", Endpoint.device("1003"));
        pbx.answer("c2", "c2-b");
        pbx.events.clear();

        List<CtiEvent> merge = pbx.conference("c1", "c1-a", Optional.of("c2"));

        assertThat(merge).extracting(e -> e.type().wire() + "@" + e.device().orElseThrow() + "/"
                + e.callId().orElseThrow()).containsExactly(
                "call.conferenced@1001/c1", "connection.cleared@1003/c2", "connection.cleared@1001/c2");
        CallConferenced conferenced = (CallConferenced) merge.getFirst();
        assertThat(conferenced.call().conference()).isTrue();
        assertThat(conferenced.details()).containsEntry("merged_call_id", "c2");
        assertThat(conferenced.call().parties()).extracting(PartySnapshot::device, PartySnapshot::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1001", ConnectionState.CONNECTED),
                        org.assertj.core.groups.Tuple.tuple("1002", ConnectionState.CONNECTED),
                        org.assertj.core.groups.Tuple.tuple("1003", ConnectionState.CONNECTED));
        assertThat(((ConnectionCleared) merge.get(1)).cause()).isEqualTo(ReleaseCause.CONFERENCED);

        pbx.release("c1", "c1-a", ReleaseCause.NORMAL);
        assertThat(pbx.board.call("c1").orElseThrow().parties()).extracting(PartySnapshot::device)
                .containsExactly("1002", "1003");
    }

    @Test
    void addingAParticipantToAnEstablishedCallDeliversAndEstablishesItThere() {
        pbx.talking("c1", "1001", "1002");
        pbx.leg("c1", "c1-c", Endpoint.device("1003"));
        pbx.alert("c1", "c1-c");
        pbx.answer("c1", "c1-c");
        pbx.events.clear();

        CallEvent started = only(pbx.conference("c1", "c1-a", Optional.empty()));

        assertThat(started.type().wire()).isEqualTo("call.conferenced");
        assertThat(started.call().conference()).isTrue();
        assertThat(started.call().parties()).hasSize(3);
    }

    /** 1001 talks to 1002; 1002 holds and consults 1003, who answers (call c2). */
    private void consultFrom1002To1003() {
        pbx.talking("c1", "1001", "1002");
        pbx.hold("c1", "c1-b");
        pbx.create(new CallCreated("acme", "c2", pbx.now(), "c2-a", Endpoint.device("1002"), Optional.of("Bob"),
                "1003", Optional.of("Carol"), Direction.INTERNAL, Optional.of("c1")));
        pbx.leg("c2", "c2-b", Endpoint.device("1003"));
        CallEvent ringing = only(pbx.alert("c2", "c2-b"));
        assertThat(ringing.call().party("1002").orElseThrow().capabilities().canCompleteTransfer()).isTrue();
        pbx.answer("c2", "c2-b");
    }
}
