package io.ramal.cti.core;

import static io.ramal.cti.Action.CONSULT;
import static io.ramal.cti.Action.HANGUP;
import static io.ramal.cti.Action.RECORD;
import static io.ramal.cti.Action.RETRIEVE;
import static io.ramal.cti.Action.TRANSFER;
import static io.ramal.cti.core.TelephonyScript.only;
import static io.ramal.cti.core.TelephonyScript.trace;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.CallState;
import io.ramal.cti.ConnectionState;
import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.RecordingState;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.RefusalCode;
import io.ramal.cti.event.CallDtmfReceived;
import io.ramal.cti.event.CallEvent;
import io.ramal.cti.event.CtiEvent;
import io.ramal.cti.event.RecordingEvent;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hold and retrieve, DTMF and recording on an established call. */
class HoldDtmfAndRecordingTest {
    private TelephonyScript pbx;

    @BeforeEach
    void talking() {
        pbx = new TelephonyScript("acme");
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1002", 1, DeviceAbilities.FULL);
        pbx.talking("c1", "1001", "1002");
        pbx.events.clear();
    }

    @Test
    void holdAndRetrieveChangeTheHoldingPartyAndItsCapabilities() {
        CallEvent held = only(pbx.serverHold("c1", "c1-a"));

        assertThat(held.type().wire()).isEqualTo("call.held");
        assertThat(held.party().device()).isEqualTo("1001");
        assertThat(held.party().state()).isEqualTo(ConnectionState.HELD);
        assertThat(held.party().capabilities().allowed())
                .containsExactlyInAnyOrder(HANGUP, RETRIEVE, TRANSFER, CONSULT, RECORD);
        assertThat(held.call().state()).isEqualTo(CallState.HELD);
        assertThat(held.call().party("1002").orElseThrow().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(held.call().party("1002").orElseThrow().capabilities().canHold()).isTrue();
        assertThat(held.call().version()).isEqualTo(4);

        CallEvent retrieved = only(pbx.retrieve("c1", "c1-a"));

        assertThat(retrieved.type().wire()).isEqualTo("call.retrieved");
        assertThat(retrieved.party().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(retrieved.party().capabilities().canHold()).isTrue();
        assertThat(retrieved.party().capabilities().canRetrieve()).isFalse();
        assertThat(retrieved.call().state()).isEqualTo(CallState.CONNECTED);
        assertThat(retrieved.call().version()).isEqualTo(5);
    }

    @Test
    void aHoldThePhoneMadeItselfCannotBeRetrievedByACommand() {
        CallEvent held = only(pbx.hold("c1", "c1-a"));

        assertThat(held.party().state()).isEqualTo(ConnectionState.HELD);
        assertThat(held.party().capabilities().canRetrieve()).isFalse();
        assertThat(held.party().capabilities().canHold()).isFalse();
        assertThat(pbx.board.check(new CallCommand.Retrieve("acme", "c1", "1001", OptionalLong.empty())))
                .hasValueSatisfying(r -> {
                    assertThat(r.code()).isEqualTo(RefusalCode.INVALID_STATE);
                    assertThat(r.message()).contains("from the phone");
                });
        pbx.retrieve("c1", "c1-a");
        pbx.serverHold("c1", "c1-a");
        assertThat(pbx.board.check(new CallCommand.Retrieve("acme", "c1", "1001", OptionalLong.empty()))).isEmpty();
    }

    @Test
    void muteAndUnmuteAreReportedWithTheMutedFlagAndSwapCanMuteForCanUnmute() {
        CallEvent muted = only(pbx.mute("c1", "c1-b"));

        assertThat(muted.type().wire()).isEqualTo("call.muted");
        assertThat(muted.party().device()).isEqualTo("1002");
        assertThat(muted.party().muted()).isTrue();
        assertThat(muted.party().state()).as("muting is no connection state").isEqualTo(ConnectionState.CONNECTED);
        assertThat(muted.party().capabilities().canMute()).isFalse();
        assertThat(muted.party().capabilities().canUnmute()).isTrue();
        assertThat(muted.call().party("1001").orElseThrow().muted()).isFalse();
        assertThat(muted.call().version()).isEqualTo(4);
        assertThat(pbx.mute("c1", "c1-b")).as("muting twice is no change").isEmpty();

        pbx.hold("c1", "c1-b");
        CallEvent unmuted = only(pbx.unmute("c1", "c1-b"));

        assertThat(unmuted.type().wire()).isEqualTo("call.unmuted");
        assertThat(unmuted.party().muted()).isFalse();
        assertThat(unmuted.party().capabilities().canUnmute()).isFalse();
        assertThat(pbx.anomalies).extracting(Anomaly::kind).containsExactly(Anomaly.Kind.INVALID_TRANSITION);
    }

    @Test
    void bothSidesMayHoldAndTheCallStaysHeldUntilBothRetrieve() {
        pbx.hold("c1", "c1-a");
        pbx.hold("c1", "c1-b");
        pbx.retrieve("c1", "c1-a");

        assertThat(pbx.board.call("c1").orElseThrow().state()).isEqualTo(CallState.HELD);
        assertThat(pbx.anomalies).isEmpty();
    }

    @Test
    void dtmfIsReportedForTheSenderWithoutChangingTheVersion() {
        List<CtiEvent> events = pbx.digit("c1", "c1-b", '#');

        CallDtmfReceived dtmf = (CallDtmfReceived) only(events);
        assertThat(dtmf.type().wire()).isEqualTo("call.dtmf");
        assertThat(dtmf.party().device()).isEqualTo("1002");
        assertThat(dtmf.details()).containsEntry("digit", "#");
        assertThat(dtmf.call().version()).isEqualTo(3);
    }

    @Test
    void recordingStartPauseResumeStopIsReportedAndGatesCanRecord() {
        List<CtiEvent> started = pbx.recorderStarted("c1", "rec-1");
        assertThat(pbx.board.call("c1").orElseThrow().party("1001").orElseThrow().capabilities().canRecord())
                .isFalse();
        List<CtiEvent> paused = pbx.recorderPaused("c1", "rec-1");
        List<CtiEvent> resumed = pbx.recorderResumed("c1", "rec-1");
        List<CtiEvent> stopped = pbx.recorderStopped("c1", "rec-1");

        assertThat(trace(pbx.events)).containsExactly(
                "recording.started@-", "recording.paused@-", "recording.resumed@-", "recording.stopped@-");
        RecordingEvent start = (RecordingEvent) started.getFirst();
        assertThat(start.call().recording()).isEqualTo(RecordingState.ACTIVE);
        assertThat(start.call().recordingId()).contains("rec-1");
        assertThat(start.call().version()).isEqualTo(4);
        assertThat(((RecordingEvent) paused.getFirst()).call().recording()).isEqualTo(RecordingState.PAUSED);
        assertThat(((RecordingEvent) resumed.getFirst()).call().recording()).isEqualTo(RecordingState.ACTIVE);
        RecordingEvent stop = (RecordingEvent) stopped.getFirst();
        assertThat(stop.recordingId()).isEqualTo("rec-1");
        assertThat(stop.call().recording()).isEqualTo(RecordingState.OFF);
        assertThat(stop.call().recordingId()).isEmpty();
        assertThat(stop.call().version()).isEqualTo(7);
        assertThat(stop.call().party("1001").orElseThrow().capabilities().canRecord()).isTrue();
    }

    @Test
    void recorderFactsThatDoNotFitTheRecordingAreAnomalies() {
        pbx.recorderStarted("c1", "rec-1");

        assertThat(pbx.recorderStarted("c1", "rec-2")).isEmpty();
        assertThat(pbx.recorderStopped("c1", "rec-2")).isEmpty();
        assertThat(pbx.recorderResumed("c1", "rec-1")).isEmpty();

        assertThat(pbx.anomalies).extracting(Anomaly::kind).containsOnly(Anomaly.Kind.INVALID_TRANSITION).hasSize(3);
        assertThat(pbx.board.call("c1").orElseThrow().recordingId()).contains("rec-1");
    }
}
