package io.ramal.cti.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link CallControl#execute} hands each command to its own method. */
class CallControlTest {
    private static final OptionalLong V = OptionalLong.of(3);

    /** Records which method got which command, and accepts everything. */
    static final class RecordingCallControl implements CallControl {
        final List<String> calls = new ArrayList<>();

        private CommandResult took(String method, CallCommand command) {
            calls.add(method + ":" + command.getClass().getSimpleName());
            return CommandResult.accepted(command instanceof CallCommand.OnCall c ? c.callId() : "new-call");
        }

        @Override public CommandResult originate(CallCommand.Originate c) { return took("originate", c); }
        @Override public CommandResult answer(CallCommand.Answer c) { return took("answer", c); }
        @Override public CommandResult hangup(CallCommand.Hangup c) { return took("hangup", c); }
        @Override public CommandResult hold(CallCommand.Hold c) { return took("hold", c); }
        @Override public CommandResult retrieve(CallCommand.Retrieve c) { return took("retrieve", c); }
        @Override public CommandResult blindTransfer(CallCommand.BlindTransfer c) { return took("blindTransfer", c); }
        @Override public CommandResult consult(CallCommand.Consult c) { return took("consult", c); }
        @Override public CommandResult completeTransfer(CallCommand.CompleteTransfer c) {
            return took("completeTransfer", c);
        }
        @Override public CommandResult cancelTransfer(CallCommand.CancelTransfer c) {
            return took("cancelTransfer", c);
        }
        @Override public CommandResult conferenceAdd(CallCommand.ConferenceAdd c) { return took("conferenceAdd", c); }
        @Override public CommandResult conferenceStart(CallCommand.ConferenceStart c) {
            return took("conferenceStart", c);
        }
        @Override public CommandResult sendDtmf(CallCommand.SendDtmf c) { return took("sendDtmf", c); }
        @Override public CommandResult mute(CallCommand.Mute c) { return took("mute", c); }
        @Override public CommandResult unmute(CallCommand.Unmute c) { return took("unmute", c); }
        @Override public CommandResult startRecording(CallCommand.StartRecording c) {
            return took("startRecording", c);
        }
        @Override public CommandResult stopRecording(CallCommand.StopRecording c) { return took("stopRecording", c); }
        @Override public CommandResult pauseRecording(CallCommand.PauseRecording c) {
            return took("pauseRecording", c);
        }
        @Override public CommandResult resumeRecording(CallCommand.ResumeRecording c) {
            return took("resumeRecording", c);
        }
    }

    @Test
    void executeDispatchesEveryCommandToItsMethod() {
        RecordingCallControl port = new RecordingCallControl();
        List<CallCommand> commands = List.of(
                new CallCommand.Originate("t", "1001", "1002"),
                new CallCommand.Answer("t", "c", "1002", V),
                new CallCommand.Hangup("t", "c", Optional.empty(), V),
                new CallCommand.Hold("t", "c", "1001", V),
                new CallCommand.Retrieve("t", "c", "1001", V),
                new CallCommand.BlindTransfer("t", "c", "1001", "1003", V),
                new CallCommand.Consult("t", "c", "1001", "1003", V),
                new CallCommand.CompleteTransfer("t", "c", "c2", "1001", V),
                new CallCommand.CancelTransfer("t", "c", "c2", "1001", V),
                new CallCommand.ConferenceAdd("t", "c", "1001", "1003", V),
                new CallCommand.ConferenceStart("t", "c", "1001", Optional.empty(), V),
                new CallCommand.SendDtmf("t", "c", "1001", "12#", V),
                new CallCommand.Mute("t", "c", "1001", V),
                new CallCommand.Unmute("t", "c", "1001", V),
                new CallCommand.StartRecording("t", "c", V),
                new CallCommand.StopRecording("t", "c", V),
                new CallCommand.PauseRecording("t", "c", V),
                new CallCommand.ResumeRecording("t", "c", V));

        List<CommandResult> results = commands.stream().map(port::execute).toList();

        assertThat(port.calls).containsExactly("originate:Originate", "answer:Answer", "hangup:Hangup", "hold:Hold",
                "retrieve:Retrieve", "blindTransfer:BlindTransfer", "consult:Consult",
                "completeTransfer:CompleteTransfer", "cancelTransfer:CancelTransfer", "conferenceAdd:ConferenceAdd",
                "conferenceStart:ConferenceStart", "sendDtmf:SendDtmf", "mute:Mute", "unmute:Unmute",
                "startRecording:StartRecording", "stopRecording:StopRecording", "pauseRecording:PauseRecording",
                "resumeRecording:ResumeRecording");
        assertThat(results.getFirst()).isEqualTo(new CommandResult.Accepted("new-call"));
        assertThat(results.get(1)).isEqualTo(new CommandResult.Accepted("c"));
    }

    @Test
    void refusalsCarryAMachineCodeAndAMessage() {
        CommandResult refused = CommandResult.refused(RefusalCode.NOT_SUPPORTED_BY_DEVICE, "1003 cannot answer");

        assertThat(refused).isInstanceOfSatisfying(CommandResult.Refused.class, r -> assertThat(r.refusal().toJson())
                .containsEntry("code", "not_supported_by_device").containsEntry("message", "1003 cannot answer"));
    }
}
