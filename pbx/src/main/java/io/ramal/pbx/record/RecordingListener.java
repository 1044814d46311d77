package io.ramal.pbx.record;

import java.time.Instant;

/**
 * What one call's recorder reports for the CTI layer, on the call's shard, in the order it
 * happened. Every method has a no-op default.
 */
public interface RecordingListener {
  RecordingListener NONE = new RecordingListener() {};

  default void started(String recordingId, Instant at) {}

  default void paused(String recordingId, Instant at) {}

  default void resumed(String recordingId, Instant at) {}

  /** No more audio: {@code reason} is {@code api}, {@code call ended}, or the failure. */
  default void stopped(String recordingId, String reason, Instant at) {}
}
