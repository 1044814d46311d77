package io.ramal.server.pbx;

import io.ramal.api.supervision.SupervisionControl;
import io.ramal.api.supervision.SupervisionDesk;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.RefusalCode;
import io.ramal.pbx.call.CallObserver;
import io.ramal.pbx.call.SupervisionCommand;
import io.ramal.pbx.core.Pbx;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.SupervisionMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Supervision carried out by the PBX ({@link #control}), and the PBX's supervision facts handed to
 * the API's {@link SupervisionDesk} ({@link #facts}).
 */
public final class PbxSupervision implements SupervisionControl {
  private final Pbx pbx;

  public PbxSupervision(Pbx pbx) {
    this.pbx = Objects.requireNonNull(pbx, "pbx");
  }

  @Override
  public CommandResult start(Start s) {
    SupervisionMode mode = mode(s.mode());
    return result(s.callId(), pbx.supervise(s.tenant(), s.callId(), new SupervisionCommand.Start(s.supervisionId(),
        s.supervisorDevice(), pbx.route(s.tenant(), s.supervisorDevice()), mode, s.agent(), s.notifyAgent())));
  }

  @Override
  public CommandResult change(String tenant, String callId, String mode, Optional<String> agent) {
    return result(callId, pbx.supervise(tenant, callId, new SupervisionCommand.Change(mode(mode), agent)));
  }

  @Override
  public CommandResult stop(String tenant, String callId) {
    return result(callId, pbx.supervise(tenant, callId, new SupervisionCommand.Stop()));
  }

  private static SupervisionMode mode(String wire) {
    return SupervisionMode.fromWireName(wire).orElseThrow(() -> new IllegalArgumentException("no mode " + wire));
  }

  private static CommandResult result(String callId, ControlOutcome outcome) {
    return switch (outcome) {
      case ControlOutcome.Done d -> CommandResult.accepted(callId);
      case ControlOutcome.Started started -> CommandResult.accepted(started.id());
      case ControlOutcome.Refused r -> CommandResult.refused(switch (r.reason()) {
        case NO_SUCH_CALL, NO_SUCH_PARTY -> RefusalCode.NOT_FOUND;
        case INVALID_STATE -> RefusalCode.INVALID_STATE;
        case NOT_ANCHORED, NOT_SUPPORTED_BY_DEVICE -> RefusalCode.NOT_SUPPORTED_BY_DEVICE;
        case INVALID_ARGUMENT -> RefusalCode.INVALID_ARGUMENT;
      }, r.message());
    };
  }

  /** The PBX's supervision facts, for the desk (called on a shard: the desk does not block). */
  public static CallObserver facts(SupervisionDesk desk) {
    Objects.requireNonNull(desk, "desk");
    return new CallObserver() {
      @Override
      public void supervisionStarted(String tenantId, String callId, String supervisionId, String supervisor,
          SupervisionMode mode, Optional<String> agent, boolean notified, Instant at) {
        desk.started(tenantId, callId, supervisionId, supervisor, mode.wireName(), agent, notified, at);
      }

      @Override
      public void supervisionModeChanged(String tenantId, String callId, String supervisionId, SupervisionMode mode,
          Optional<String> agent, Instant at) {
        desk.modeChanged(tenantId, callId, supervisionId, mode.wireName(), agent, at);
      }

      @Override
      public void supervisionEnded(String tenantId, String callId, String supervisionId, String cause, String detail,
          Instant at) {
        desk.ended(tenantId, callId, supervisionId, cause, detail, at);
      }
    };
  }
}
