package io.ramal.cti.control;

/**
 * The port through which the CTI core's commands reach the telephony: the PBX implements it.
 * Callers check a command with {@code Switchboard.check} first; the PBX still refuses what it
 * cannot do at that moment (the state may have moved on), with a {@link RefusalCode}.
 *
 * <p>Each method returns as soon as the PBX has taken the command on or refused it; the outcome
 * arrives later as telephony facts and so as events. Methods may block briefly (they are called
 * on virtual threads) and must not throw for telephony reasons.
 */
public interface CallControl {
    CommandResult originate(CallCommand.Originate command);

    CommandResult answer(CallCommand.Answer command);

    CommandResult hangup(CallCommand.Hangup command);

    CommandResult hold(CallCommand.Hold command);

    CommandResult retrieve(CallCommand.Retrieve command);

    CommandResult blindTransfer(CallCommand.BlindTransfer command);

    CommandResult consult(CallCommand.Consult command);

    CommandResult completeTransfer(CallCommand.CompleteTransfer command);

    CommandResult cancelTransfer(CallCommand.CancelTransfer command);

    CommandResult conferenceAdd(CallCommand.ConferenceAdd command);

    CommandResult conferenceStart(CallCommand.ConferenceStart command);

    CommandResult sendDtmf(CallCommand.SendDtmf command);

    CommandResult mute(CallCommand.Mute command);

    CommandResult unmute(CallCommand.Unmute command);

    CommandResult startRecording(CallCommand.StartRecording command);

    CommandResult stopRecording(CallCommand.StopRecording command);

    CommandResult pauseRecording(CallCommand.PauseRecording command);

    CommandResult resumeRecording(CallCommand.ResumeRecording command);

    /** Hands any command to its method. */
    default CommandResult execute(CallCommand command) {
        return switch (command) {
            case CallCommand.Originate c -> originate(c);
            case CallCommand.Answer c -> answer(c);
            case CallCommand.Hangup c -> hangup(c);
            case CallCommand.Hold c -> hold(c);
            case CallCommand.Retrieve c -> retrieve(c);
            case CallCommand.BlindTransfer c -> blindTransfer(c);
            case CallCommand.Consult c -> consult(c);
            case CallCommand.CompleteTransfer c -> completeTransfer(c);
            case CallCommand.CancelTransfer c -> cancelTransfer(c);
            case CallCommand.ConferenceAdd c -> conferenceAdd(c);
            case CallCommand.ConferenceStart c -> conferenceStart(c);
            case CallCommand.SendDtmf c -> sendDtmf(c);
            case CallCommand.Mute c -> mute(c);
            case CallCommand.Unmute c -> unmute(c);
            case CallCommand.StartRecording c -> startRecording(c);
            case CallCommand.StopRecording c -> stopRecording(c);
            case CallCommand.PauseRecording c -> pauseRecording(c);
            case CallCommand.ResumeRecording c -> resumeRecording(c);
        };
    }
}
