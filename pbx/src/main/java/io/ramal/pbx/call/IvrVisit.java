package io.ramal.pbx.call;

import io.ramal.pbx.ivr.MenuWalk;
import io.ramal.pbx.media.LegPlayer;
import io.ramal.sip.transaction.Scheduler;

/**
 * A call that Ramal answered for a voice menu: the caller's walk through the menus, the player of
 * their prompts, the wait for a key, and the destination being called once the caller chose one.
 * The call's shard owns it.
 */
final class IvrVisit {
  final MenuWalk walk;
  /** The DID the caller dialled. */
  final String did;
  LegPlayer player;
  /** The caller's ACK came: prompts may play (until then a prompt waits). */
  boolean confirmed;
  /** A prompt is due once the caller confirms. */
  boolean promptDue;
  Scheduler.Cancellable timer = Scheduler.Cancellable.NONE;
  /** The extension or number being called for the caller (null: none). */
  LegDialer dialing;

  IvrVisit(MenuWalk walk, String did) {
    this.walk = walk;
    this.did = did;
  }

  /** The menu the caller is in, or was last in. */
  String menu() {
    return walk.menu().map(m -> m.name()).orElse("");
  }
}
