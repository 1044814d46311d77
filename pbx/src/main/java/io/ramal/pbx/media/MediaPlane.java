package io.ramal.pbx.media;

/**
 * Where the audio of a call flows. {@link #DIRECT} leaves it between the phones (every session
 * description crosses the B2BUA unchanged); the anchored plane gives each leg its own RTP port on
 * Ramal and rewrites the descriptions so both phones send their audio to us.
 */
@FunctionalInterface
public interface MediaPlane {
  MediaPlane DIRECT = (callId, tenantId, listener) -> CallMedia.DIRECT;

  /** The media of one new call; closed by the B2BUA when the call ends, however it ends. */
  CallMedia open(String callId, String tenantId, MediaListener listener);
}
