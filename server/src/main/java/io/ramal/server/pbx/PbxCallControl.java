package io.ramal.server.pbx;

import io.ramal.cti.control.CallCommand;
import io.ramal.cti.control.CallControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.RefusalCode;
import io.ramal.pbx.call.ConferenceCommand;
import io.ramal.pbx.call.OriginateOutcome;
import io.ramal.pbx.call.TransferCommand;
import io.ramal.pbx.core.Pbx;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.record.RecordingAction;
import io.ramal.pbx.record.RecordingReply;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CTI core's commands carried out by the PBX. Hang-up, hold, retrieve, mute, unmute, DTMF,
 * click-to-call, blind transfer, consultation (complete, cancel) and recording control are
 * carried out; the other commands are refused with
 * {@code failed} and a message saying they are not available in this version. What the PBX
 * refuses maps onto the CTI refusal codes; a call with direct media (its audio does not pass
 * through Ramal) is {@code not_supported_by_device}.
 */
public final class PbxCallControl implements CallControl, io.ramal.api.calls.CallParking {
  private final Pbx pbx;

  public PbxCallControl(Pbx pbx) {
    this.pbx = Objects.requireNonNull(pbx, "pbx");
  }

  @Override
  public CommandResult hangup(CallCommand.Hangup c) {
    if (c.device().isPresent()) {
      ControlOutcome dropped = pbx.conference(c.tenant(), c.callId(), new ConferenceCommand.Drop(c.device().get()));
      if (!(dropped instanceof ControlOutcome.Refused r) || r.reason() == ControlOutcome.Reason.NO_SUCH_PARTY) {
        return result(c, dropped);
      }
      // not answered (or placed by the originator): hanging up one party clears the call
    }
    String cause = "hung up through the API" + c.device().map(d -> " for " + d).orElse("");
    return pbx.clear(c.tenant(), c.callId(), cause)
        ? CommandResult.accepted(c.callId())
        : CommandResult.refused(RefusalCode.NOT_FOUND, "call " + c.callId() + " has ended");
  }

  private static CommandResult result(CallCommand.OnCall command, ControlOutcome outcome) {
    return switch (outcome) {
      case ControlOutcome.Done d -> CommandResult.accepted(command.callId());
      case ControlOutcome.Started started -> CommandResult.accepted(started.id());
      case ControlOutcome.Refused r -> CommandResult.refused(switch (r.reason()) {
        case NO_SUCH_CALL, NO_SUCH_PARTY -> RefusalCode.NOT_FOUND;
        case INVALID_STATE -> RefusalCode.INVALID_STATE;
        case NOT_ANCHORED, NOT_SUPPORTED_BY_DEVICE -> RefusalCode.NOT_SUPPORTED_BY_DEVICE;
        case INVALID_ARGUMENT -> RefusalCode.INVALID_ARGUMENT;
      }, r.message());
    };
  }

  @Override
  public CommandResult park(String tenant, String callId, String party) {
    return switch (pbx.park(tenant, callId, party)) {
      case ControlOutcome.Started slot -> CommandResult.accepted(slot.id());
      case ControlOutcome.Refused r -> refusal(r);
      case ControlOutcome.Done d -> CommandResult.accepted(callId);
    };
  }

  @Override
  public CommandResult pickup(String tenant, String slot, String device) {
    return switch (pbx.pickup(tenant, slot, device)) {
      case ControlOutcome.Started call -> CommandResult.accepted(call.id());
      case ControlOutcome.Refused r -> refusal(r);
      case ControlOutcome.Done d -> CommandResult.accepted(slot);
    };
  }

  @Override
  public java.util.List<Parked> parked(String tenant) {
    return pbx.parked(tenant).stream().map(s -> new Parked(s.number(), s.callId(), s.parked(), s.parker(), s.since(),
        s.deadline())).toList();
  }

  private static CommandResult refusal(ControlOutcome.Refused r) {
    return CommandResult.refused(switch (r.reason()) {
      case NO_SUCH_CALL, NO_SUCH_PARTY -> RefusalCode.NOT_FOUND;
      case INVALID_STATE -> RefusalCode.INVALID_STATE;
      case NOT_ANCHORED, NOT_SUPPORTED_BY_DEVICE -> RefusalCode.NOT_SUPPORTED_BY_DEVICE;
      case INVALID_ARGUMENT -> RefusalCode.INVALID_ARGUMENT;
    }, r.message());
  }

  private static CommandResult notYet(CallCommand command) {
    return CommandResult.refused(RefusalCode.FAILED,
        command.getClass().getSimpleName() + " is not available in this version of Ramal");
  }

  /** Click-to-call: started, or refused with the PBX's reason (see {@link Pbx#originate}). */
  @Override
  public CommandResult originate(CallCommand.Originate c) {
    return switch (pbx.originate(c.tenant(), c.device(), c.destination())) {
      case OriginateOutcome.Started started -> CommandResult.accepted(started.callId());
      case OriginateOutcome.Refused refused -> CommandResult.refused(switch (refused.reason()) {
        case UNKNOWN_DEVICE -> RefusalCode.NOT_FOUND;
        case DEVICE_NOT_REGISTERED -> RefusalCode.DEVICE_UNAVAILABLE;
        case UNKNOWN_DESTINATION, NO_ROUTE, SAME_DEVICE -> RefusalCode.INVALID_ARGUMENT;
        case MEDIA_UNAVAILABLE -> RefusalCode.FAILED;
      }, refused.detail());
    };
  }

  @Override
  public CommandResult answer(CallCommand.Answer c) {
    return result(c, pbx.answer(c.tenant(), c.callId(), c.device()));
  }

  @Override
  public CommandResult hold(CallCommand.Hold c) {
    return result(c, pbx.hold(c.tenant(), c.callId(), c.device(), true));
  }

  @Override
  public CommandResult retrieve(CallCommand.Retrieve c) {
    return result(c, pbx.hold(c.tenant(), c.callId(), c.device(), false));
  }

  @Override
  public CommandResult blindTransfer(CallCommand.BlindTransfer c) {
    return result(c, pbx.blindTransfer(c.tenant(), c.callId(), c.device(), c.destination()));
  }

  /** Accepted with the consultation's own call id. */
  @Override
  public CommandResult consult(CallCommand.Consult c) {
    return result(c, pbx.consult(c.tenant(), c.callId(), c.device(), c.destination()));
  }

  @Override
  public CommandResult completeTransfer(CallCommand.CompleteTransfer c) {
    return result(c, pbx.transfer(c.tenant(), c.callId(), new TransferCommand.Complete(c.device(), c.consultCallId())));
  }

  @Override
  public CommandResult cancelTransfer(CallCommand.CancelTransfer c) {
    return result(c, pbx.transfer(c.tenant(), c.callId(), new TransferCommand.Cancel(c.device(), c.consultCallId())));
  }

  @Override
  public CommandResult conferenceAdd(CallCommand.ConferenceAdd c) {
    return result(c, pbx.conference(c.tenant(), c.callId(), new ConferenceCommand.Add(c.device(), c.destination(),
        pbx.route(c.tenant(), c.destination()))));
  }

  /** Joins the device's consultation (the one named, or the one it has) with the held call. */
  @Override
  public CommandResult conferenceStart(CallCommand.ConferenceStart c) {
    return result(c, pbx.conference(c.tenant(), c.callId(), new ConferenceCommand.Merge(c.device(), c.mergeCallId())));
  }

  @Override
  public CommandResult sendDtmf(CallCommand.SendDtmf c) {
    return result(c, pbx.sendDigits(c.tenant(), c.callId(), c.device(), c.digits(), c.duration(), c.gap()));
  }

  @Override
  public CommandResult mute(CallCommand.Mute c) {
    return result(c, pbx.mute(c.tenant(), c.callId(), c.device(), true));
  }

  @Override
  public CommandResult unmute(CallCommand.Unmute c) {
    return result(c, pbx.mute(c.tenant(), c.callId(), c.device(), false));
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
