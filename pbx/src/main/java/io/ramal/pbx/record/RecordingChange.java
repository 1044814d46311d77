package io.ramal.pbx.record;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a recording, in the order it happened, for the recordings index. Paths are
 * relative to {@link RecordingSettings#directory()}.
 */
public sealed interface RecordingChange {
  String tenantId();

  String recordingId();

  /** A recording began: its call, its number within the call and where its WAV is being written. */
  record Started(String tenantId, String recordingId, String callId, int seq, Optional<String> callerExtension,
      Optional<String> calleeExtension, Instant at, Path wav) implements RecordingChange {
    public Started {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(recordingId, "recordingId");
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(callerExtension, "callerExtension");
      Objects.requireNonNull(calleeExtension, "calleeExtension");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(wav, "wav");
    }
  }

  record Paused(String tenantId, String recordingId, Instant at) implements RecordingChange {}

  /** Resumed; {@code paused} is the time spent paused so far. */
  record Resumed(String tenantId, String recordingId, Instant at, Duration paused) implements RecordingChange {}

  /** No more audio ({@code reason}: {@code api}, {@code call ended}); the files are being finished. */
  record Stopped(String tenantId, String recordingId, Instant at, Duration paused, String reason)
      implements RecordingChange {}

  /** The WAV files are complete; an MP3 follows when {@code mp3Follows}. */
  record WavReady(String tenantId, String recordingId, Duration duration, StoredFile wav, Optional<StoredFile> stereo,
      boolean mp3Follows) implements RecordingChange {}

  /** The MP3 is made, or could not be (empty): nothing more will change. */
  record Mp3Ready(String tenantId, String recordingId, Optional<StoredFile> mp3) implements RecordingChange {}

  /** Writing failed; files may hold audio up to the failure. */
  record Failed(String tenantId, String recordingId, Instant at, String reason) implements RecordingChange {}

  /** A complete file: where (relative), its size and its lower-case hex SHA-256. */
  record StoredFile(Path path, long size, String sha256) {
    public StoredFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
