package io.ramal.pbx.call;

import io.ramal.pbx.media.SupervisionMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A supervision command on an answered call. {@code agent} names the party being coached (a
 * number as the CTI layer names parties); a whisper needs one. Destinations are routed before the
 * command reaches the call's shard.
 */
public sealed interface SupervisionCommand {
  /**
   * Calls {@code supervisorDevice} and, when it answers, lets it take part in the call as
   * {@code mode} says; {@code supervisionId} names the supervision in what is reported.
   */
  record Start(String supervisionId, String supervisorDevice, Destination destination, SupervisionMode mode,
      Optional<String> agent, boolean notifyAgent) implements SupervisionCommand {
    public Start {
      Objects.requireNonNull(supervisionId, "supervisionId");
      Objects.requireNonNull(supervisorDevice, "supervisorDevice");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(agent, "agent");
    }
  }

  /** Switches the supervision to {@code mode} ({@code agent}: a new one, or empty to keep the current). */
  record Change(SupervisionMode mode, Optional<String> agent) implements SupervisionCommand {
    public Change {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(agent, "agent");
    }
  }

  /** Ends the supervision: the supervisor's leg is hung up (or its ringing cancelled). */
  record Stop() implements SupervisionCommand {}
}
