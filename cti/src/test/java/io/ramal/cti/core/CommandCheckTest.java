package io.ramal.cti.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.UnregisterReason;
import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallCommand.Answer;
import io.ramal.cti.control.CallCommand.CancelTransfer;
import io.ramal.cti.control.CallCommand.CompleteTransfer;
import io.ramal.cti.control.CallCommand.ConferenceStart;
import io.ramal.cti.control.CallCommand.Hangup;
import io.ramal.cti.control.CallCommand.Hold;
import io.ramal.cti.control.CallCommand.Originate;
import io.ramal.cti.control.CallCommand.PauseRecording;
import io.ramal.cti.control.CallCommand.ResumeRecording;
import io.ramal.cti.control.CallCommand.Retrieve;
import io.ramal.cti.control.CallCommand.SendDtmf;
import io.ramal.cti.control.CallCommand.StartRecording;
import io.ramal.cti.control.CallCommand.StopRecording;
import io.ramal.cti.control.Refusal;
import io.ramal.cti.control.RefusalCode;
import io.ramal.cti.fact.CallCreated;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands are checked against state, capabilities and version before they reach the PBX. */
class CommandCheckTest {
    private static final OptionalLong ANY = OptionalLong.empty();

    private TelephonyScript pbx;

    @BeforeEach
    void phones() {
        pbx = new TelephonyScript("acme");
        pbx.register("1001", 1, DeviceAbilities.FULL);
        pbx.register("1002", 1, DeviceAbilities.FULL);
        pbx.register("1003", 1, DeviceAbilities.NONE);
    }

    @Test
    void holdWhileTheCallIsStillRingingIsInvalidState() {
        ringing("c1", "1001", "1002");

        Optional<Refusal> refusal = pbx.board.check(new Hold("acme", "c1", "1001", ANY));

        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(RefusalCode.INVALID_STATE);
            assertThat(r.message()).contains("1001", "initiated", "can_hold");
            assertThat(r.toJson()).containsEntry("code", "invalid_state");
        });
    }

    @Test
    void aStaleVersionIsAVersionMismatchAndTheCurrentOneIsAccepted() {
        pbx.talking("c1", "1001", "1002");
        long current = pbx.board.call("c1").orElseThrow().version();

        assertThat(code(new Hold("acme", "c1", "1001", OptionalLong.of(current - 1))))
                .contains(RefusalCode.VERSION_MISMATCH);
        assertThat(code(new Hangup("acme", "c1", Optional.empty(), OptionalLong.of(current + 1))))
                .contains(RefusalCode.VERSION_MISMATCH);
        assertThat(code(new Hold("acme", "c1", "1001", OptionalLong.of(current)))).isEmpty();
    }

    @Test
    void twoClientsCannotBothActOnTheSameVersion() {
        pbx.talking("c1", "1001", "1002");
        long seen = pbx.board.call("c1").orElseThrow().version();

        assertThat(code(new Hold("acme", "c1", "1001", OptionalLong.of(seen)))).isEmpty();
        pbx.hold("c1", "c1-a");
        assertThat(code(new Hold("acme", "c1", "1002", OptionalLong.of(seen))))
                .contains(RefusalCode.VERSION_MISMATCH);
    }

    @Test
    void answeringADeviceWithoutRemoteAnswerIsNotSupportedByDevice() {
        ringing("c1", "1001", "1003");
        ringing("c2", "1001", "1002");

        assertThat(code(new Answer("acme", "c1", "1003", ANY))).contains(RefusalCode.NOT_SUPPORTED_BY_DEVICE);
        assertThat(code(new Answer("acme", "c2", "1002", ANY))).isEmpty();
        assertThat(code(new Answer("acme", "c2", "1001", ANY))).contains(RefusalCode.INVALID_STATE);
    }

    @Test
    void unknownCallsAndDevicesOutsideTheCallAreNotFound() {
        pbx.talking("c1", "1001", "1002");

        assertThat(code(new Hold("acme", "nope", "1001", ANY))).contains(RefusalCode.NOT_FOUND);
        assertThat(code(new Hold("acme", "c1", "1003", ANY))).contains(RefusalCode.NOT_FOUND);
        assertThat(code(new Hangup("acme", "c1", Optional.of("1003"), ANY))).contains(RefusalCode.NOT_FOUND);
    }

    @Test
    void externalPartiesCanBeHungUpAndMutedButNotHeld() {
        pbx.dial("out", "1001", "+5521999990000", Direction.OUTBOUND);
        pbx.leg("out", "out-b", Endpoint.external("+5521999990000"));
        pbx.answer("out", "out-b");

        assertThat(code(new Hold("acme", "out", "+5521999990000", ANY))).contains(RefusalCode.NOT_SUPPORTED_BY_DEVICE);
        assertThat(code(new Hangup("acme", "out", Optional.of("+5521999990000"), ANY))).isEmpty();
        assertThat(code(new CallCommand.Mute("acme", "out", "+5521999990000", ANY))).isEmpty();
    }

    @Test
    void originateNeedsARegisteredDeviceAndADialableDestination() {
        pbx.unregister("1003", 0, UnregisterReason.EXPIRED);

        assertThat(code(new Originate("acme", "1001", "+55 11 9999"))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new Originate("acme", "1001", ""))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new Originate("acme", "1003", "1002"))).contains(RefusalCode.DEVICE_UNAVAILABLE);
        assertThat(code(new Originate("acme", "1077", "1002"))).contains(RefusalCode.DEVICE_UNAVAILABLE);
        assertThat(code(new Originate("acme", "1001", "+5511999990000"))).isEmpty();
    }

    @Test
    void dtmfDigitsAndTransferDestinationsAreCheckedFirst() {
        pbx.talking("c1", "1001", "1002");

        assertThat(code(new SendDtmf("acme", "c1", "1001", "12x", ANY))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new SendDtmf("acme", "c1", "1001", "", ANY))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new SendDtmf("acme", "nope", "1001", "1;", ANY))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new SendDtmf("acme", "c1", "1001", "12#*ab", ANY))).isEmpty();
        assertThat(code(new SendDtmf("acme", "c1", "1001", "1".repeat(64), ANY))).isEmpty();
        assertThat(code(new SendDtmf("acme", "c1", "1001", "1".repeat(65), ANY))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(dtmf(40, 40))).isEmpty();
        assertThat(code(dtmf(2000, 2000))).isEmpty();
        assertThat(code(dtmf(39, 100))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(dtmf(100, 2001))).contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new CallCommand.BlindTransfer("acme", "c1", "1001", "10 03", ANY)))
                .contains(RefusalCode.INVALID_ARGUMENT);
        assertThat(code(new CallCommand.BlindTransfer("acme", "c1", "1001", "1003", ANY))).isEmpty();
    }

    @Test
    void attendedTransferIsCompletedOrCancelledFromTheHeldCallWithTheConsultation() {
        pbx.talking("c1", "1001", "1002");
        pbx.hold("c1", "c1-b");
        pbx.create(new CallCreated("acme", "c2", pbx.now(), "c2-a", Endpoint.device("1002"), Optional.empty(),
                "1003", Optional.empty(), Direction.INTERNAL, Optional.of("c1")));
        pbx.leg("c2", "c2-b", Endpoint.device("1003"));
        pbx.alert("c2", "c2-b");

        assertThat(code(new CompleteTransfer("acme", "c1", "c2", "1002", ANY))).isEmpty();
        assertThat(code(new CancelTransfer("acme", "c1", "c2", "1002", ANY))).isEmpty();
        assertThat(code(new CompleteTransfer("acme", "c2", "c1", "1002", ANY))).contains(RefusalCode.INVALID_STATE);
        assertThat(code(new CompleteTransfer("acme", "c1", "c9", "1002", ANY))).contains(RefusalCode.NOT_FOUND);
        assertThat(code(new CompleteTransfer("acme", "c1", "c2", "1001", ANY))).contains(RefusalCode.NOT_FOUND);

        pbx.retrieve("c1", "c1-b");
        assertThat(code(new CompleteTransfer("acme", "c1", "c2", "1002", ANY))).contains(RefusalCode.INVALID_STATE);
        assertThat(code(new CancelTransfer("acme", "c1", "c2", "1002", ANY))).contains(RefusalCode.INVALID_STATE);
    }

    @Test
    void mergingTwoCallsNeedsTheDeviceInBoth() {
        pbx.talking("c1", "1001", "1002");
        pbx.hold("c1", "c1-a");
        pbx.talking("c2", "1001", "1003");

        assertThat(code(new ConferenceStart("acme", "c1", "1001", Optional.of("c2"), ANY))).isEmpty();
        assertThat(code(new ConferenceStart("acme", "c1", "1002", Optional.of("c2"), ANY)))
                .contains(RefusalCode.NOT_FOUND);
        assertThat(code(new ConferenceStart("acme", "c1", "1001", Optional.of("c1"), ANY)))
                .contains(RefusalCode.NOT_FOUND);
    }

    @Test
    void recordingCommandsFollowTheRecordingState() {
        ringing("c0", "1001", "1002");
        assertThat(code(new StartRecording("acme", "c0", ANY))).contains(RefusalCode.INVALID_STATE);

        pbx.talking("c1", "1001", "1002");
        assertThat(code(new StopRecording("acme", "c1", ANY))).contains(RefusalCode.INVALID_STATE);
        assertThat(code(new StartRecording("acme", "c1", ANY))).isEmpty();

        pbx.recorderStarted("c1", "r1");
        assertThat(code(new StartRecording("acme", "c1", ANY))).contains(RefusalCode.INVALID_STATE);
        assertThat(code(new ResumeRecording("acme", "c1", ANY))).contains(RefusalCode.INVALID_STATE);
        assertThat(code(new PauseRecording("acme", "c1", ANY))).isEmpty();
        assertThat(code(new StopRecording("acme", "c1", ANY))).isEmpty();

        pbx.recorderPaused("c1", "r1");
        assertThat(code(new ResumeRecording("acme", "c1", ANY))).isEmpty();
        assertThat(code(new PauseRecording("acme", "c1", ANY))).contains(RefusalCode.INVALID_STATE);
    }

    @Test
    void retrieveIsOnlyForTheHoldingParty() {
        pbx.talking("c1", "1001", "1002");
        pbx.serverHold("c1", "c1-a");

        assertThat(code(new Retrieve("acme", "c1", "1001", ANY))).isEmpty();
        assertThat(code(new Retrieve("acme", "c1", "1002", ANY))).contains(RefusalCode.INVALID_STATE);
    }

    private static SendDtmf dtmf(long durationMillis, long gapMillis) {
        return new SendDtmf("acme", "c1", "1001", "1", java.time.Duration.ofMillis(durationMillis),
                java.time.Duration.ofMillis(gapMillis), ANY);
    }

    private void ringing(String callId, String from, String to) {
        pbx.dialInternal(callId, from, to);
        pbx.leg(callId, callId + "-b", Endpoint.device(to));
        pbx.alert(callId, callId + "-b");
    }

    private Optional<RefusalCode> code(CallCommand command) {
        return pbx.board.check(command).map(Refusal::code);
    }
}
