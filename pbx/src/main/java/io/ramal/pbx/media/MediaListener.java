package io.ramal.pbx.media;

import java.time.Duration;

/**
 * What the media of a call reports back to its signalling. Called from media threads; the B2BUA's
 * implementation hops onto the call's shard before touching the call.
 */
public interface MediaListener {
  MediaListener NONE = new MediaListener() {};

  /** No RTP arrived for too long on an answered call: hang it up with {@code cause}. */
  default void deadMedia(String cause) {}

  /**
   * A party put the call on hold ({@code held}) or took it off hold: from its phone (its re-offer
   * said so) or the server on a command ({@code origin}, for a retrieve the hold that ended).
   */
  default void holdChanged(CallMedia.Side by, boolean held, HoldOrigin origin) {}

  /** The server stopped ({@code muted}) or resumed passing on what a party says. */
  default void muteChanged(CallMedia.Side party, boolean muted) {}

  /** A DTMF digit was received from {@code from} (RFC 4733 or SIP INFO). */
  default void digit(CallMedia.Side from, char digit, Duration duration) {}
}
