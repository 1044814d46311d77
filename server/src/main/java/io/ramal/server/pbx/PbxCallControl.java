package io.ramal.server.pbx;

import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.RefusalCode;
import io.ramal.pbx.core.Pbx;
import io.ramal.pbx.record.RecordingAction;
import io.ramal.pbx.record.RecordingReply;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CTI core's commands carried out by the PBX. Hang-up and recording control are carried out;
 * the other commands are refused with {@code failed} and a message saying they are not available
 * in this version (no API route offers them yet).
 */
public final class PbxCallControl implements CallControl {
  private final Pbx pbx;

  public PbxCallControl(Pbx pbx) {
    this.pbx = Objects.requireNonNull(pbx, "pbx");
  }

  @Override
  public CommandResult hangup(CallCommand.Hangup c) {
    String cause = "hung up through the API" + c.device().map(d -> " for " + d).orElse("");
    return pbx.clear(c.tenant(), c.callId(), cause)
        ? CommandResult.accepted(c.callId())
        : CommandResult.refused(RefusalCode.NOT_FOUND, "call " + c.callId() + " has ended");
  }

  private static CommandResult notYet(CallCommand command) {
    return CommandResult.refused(RefusalCode.FAILED,
        command.getClass().getSimpleName() + " is not available in this version of Ramal");
  }

  @Override
  public CommandResult originate(CallCommand.Originate c) {
    return notYet(c);
  }

  @Override
  public CommandResult answer(CallCommand.Answer c) {
    return notYet(c);
  }

  @Override
  public CommandResult hold(CallCommand.Hold c) {
    return notYet(c);
  }

  @Override
  public CommandResult retrieve(CallCommand.Retrieve c) {
    return notYet(c);
  }

  @Override
  public CommandResult blindTransfer(CallCommand.BlindTransfer c) {
    return notYet(c);
  }

  @Override
  public CommandResult consult(CallCommand.Consult c) {
    return notYet(c);
  }

  @Override
  public CommandResult completeTransfer(CallCommand.CompleteTransfer c) {
    return notYet(c);
  }

  @Override
  public CommandResult cancelTransfer(CallCommand.CancelTransfer c) {
    return notYet(c);
  }

  @Override
  public CommandResult conferenceAdd(CallCommand.ConferenceAdd c) {
    return notYet(c);
  }

  @Override
  public CommandResult conferenceStart(CallCommand.ConferenceStart c) {
    return notYet(c);
  }

  @Override
  public CommandResult sendDtmf(CallCommand.SendDtmf c) {
    return notYet(c);
  }

  @Override
  public CommandResult mute(CallCommand.Mute c) {
    return notYet(c);
  }

  @Override
  public CommandResult unmute(CallCommand.Unmute c) {
    return notYet(c);
  }

  @Override
  public CommandResult startRecording(CallCommand.StartRecording c) {
    return recording(c.tenant(), c.callId(), RecordingAction.START);
  }

  @Override
  public CommandResult stopRecording(CallCommand.StopRecording c) {
    return recording(c.tenant(), c.callId(), RecordingAction.STOP);
  }

  @Override
  public CommandResult pauseRecording(CallCommand.PauseRecording c) {
    return recording(c.tenant(), c.callId(), RecordingAction.PAUSE);
  }

  @Override
  public CommandResult resumeRecording(CallCommand.ResumeRecording c) {
    return recording(c.tenant(), c.callId(), RecordingAction.RESUME);
  }

  /** Waits (on the API's virtual thread) for the call's shard to act and the index to store it. */
  private CommandResult recording(String tenant, String callId, RecordingAction action) {
    RecordingReply reply;
    try {
      reply = pbx.recording(tenant, callId, action).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CommandResult.refused(RefusalCode.FAILED, "interrupted while the PBX was acting on call " + callId);
    } catch (ExecutionException | TimeoutException e) {
      return CommandResult.refused(RefusalCode.FAILED, "the PBX did not carry out the recording command: " + e);
    }
    return switch (reply) {
      case RecordingReply.Done d -> CommandResult.accepted(callId);
      case RecordingReply.Refused r -> CommandResult.refused(code(r.reason()), r.message());
    };
  }

  static RefusalCode code(RecordingReply.Reason reason) {
    return switch (reason) {
      case NO_SUCH_CALL -> RefusalCode.NOT_FOUND;
      case NOT_ANSWERED, ALREADY_RECORDING, NOT_RECORDING, ALREADY_PAUSED, NOT_PAUSED, FORBIDDEN_BY_POLICY ->
          RefusalCode.INVALID_STATE;
      case MEDIA_NOT_ANCHORED -> RefusalCode.NOT_SUPPORTED_BY_DEVICE;
      case FAILED -> RefusalCode.FAILED;
    };
  }
}
