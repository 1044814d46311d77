package io.ramal.pbx.media;

import io.ramal.sip.transaction.Scheduler;

/**
 * Where the audio of a call flows. {@link #DIRECT} leaves it between the phones (every session
 * description crosses the B2BUA unchanged); the anchored plane gives each leg its own RTP port on
 * Ramal and rewrites the descriptions so both phones send their audio to us.
 */
@FunctionalInterface
public interface MediaPlane {
  MediaPlane DIRECT = (callId, tenantId, scheduler, listener) -> CallMedia.DIRECT;

  /**
   * The media of one new call; closed by the B2BUA when the call ends, however it ends.
   * {@code scheduler} is the call's shard (media timers fire there).
   */
  CallMedia open(String callId, String tenantId, Scheduler scheduler, MediaListener listener);
}
