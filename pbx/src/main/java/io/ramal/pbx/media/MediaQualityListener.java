package io.ramal.pbx.media;

import io.ramal.media.rtcp.StreamQuality;

/**
 * Hears the media quality of each anchored call when its media closes: both legs as their RTP
 * endpoints measured them and as the phones' RTCP reported. Called on the call's shard; an
 * implementation hands slow work (a database write) to a thread of its own.
 */
@FunctionalInterface
public interface MediaQualityListener {
  MediaQualityListener NONE = (tenantId, callId, caller, callee) -> {};

  void mediaClosed(String tenantId, String callId, StreamQuality caller, StreamQuality callee);
}
