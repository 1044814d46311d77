package io.ramal.pbx.call;

import io.ramal.pbx.media.SupervisionMode;
import java.util.Optional;

/**
 * The supervision of one call: who supervises, how, whom it coaches, and its leg (being called
 * while {@link #dialing} is set, answered once {@link #leg} is). The call's shard owns it.
 */
final class Supervision {
  final String id;
  final String supervisor;
  SupervisionMode mode;
  Optional<String> agent;
  final boolean notifyAgent;
  /** The supervisor's phone being called (null once answered or given up). */
  LegDialer dialing;
  /** The supervisor's answered leg (null until it answers). */
  Leg leg;

  Supervision(String id, String supervisor, SupervisionMode mode, Optional<String> agent, boolean notifyAgent) {
    this.id = id;
    this.supervisor = supervisor;
    this.mode = mode;
    this.agent = agent;
    this.notifyAgent = notifyAgent;
  }
}
