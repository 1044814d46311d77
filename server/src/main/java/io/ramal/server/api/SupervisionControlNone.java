package io.ramal.server.api;

import io.ramal.api.supervision.SupervisionControl;
import io.ramal.cti.control.CommandResult;
import io.ramal.cti.control.RefusalCode;
import java.util.Optional;

/** Supervision before the PBX is connected: every command is refused. */
enum SupervisionControlNone implements SupervisionControl {
  INSTANCE;

  @Override
  public CommandResult start(Start start) {
    return none();
  }

  @Override
  public CommandResult change(String tenant, String callId, String mode, Optional<String> agent) {
    return none();
  }

  @Override
  public CommandResult stop(String tenant, String callId) {
    return none();
  }

  private static CommandResult none() {
    return CommandResult.refused(RefusalCode.FAILED, "the PBX is not running");
  }
}
