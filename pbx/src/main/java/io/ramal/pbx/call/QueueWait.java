package io.ramal.pbx.call;

import io.ramal.media.audio.Clip;
import io.ramal.pbx.media.LegPlayer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call that Ramal answered for a queue: which queue it waits in now, the agents' devices being
 * rung for it, the announcement playing to the caller, and the device that answered (then the call is
 * an ordinary two-party call again).
 * The call's shard owns it.
 */
final class QueueWait {
  String queue;
  final Instant since;
  /** Offers under way, by the agent device rung. */
  final Map<String, LegDialer> offers = new LinkedHashMap<>();
  /** The device that answered; null while the caller waits. */
  String answeredBy;
  /** The caller was sent on out of the queue (overflow to an extension or number) and waits for it. */
  String sentTo;

  /** Plays the queue's announcement into the caller's leg; null until the first one. */
  LegPlayer announcer;
  /** An announcement due before the caller's ACK confirmed the call: it plays then. */
  Clip announcementDue;

  QueueWait(String queue, Instant since) {
    this.queue = queue;
    this.since = since;
  }

  boolean waiting() {
    return answeredBy == null;
  }
}
