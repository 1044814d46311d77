package io.ramal.server.pbx;

import io.ramal.api.calllog.CallLogs;
import io.ramal.pbx.record.RecordingChange;
import io.ramal.pbx.record.RecordingIndex;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The recordings index, telling the call log what a call's {@code cdr.created} waits for: a
 * recording that begins (told at once, on the call's shard, so before the call's CDR), and its
 * WAV complete or its failure (told once the index has stored it, so the event finds the file).
 */
public final class CallLogFeed implements RecordingIndex {
  private final RecordingIndex index;
  private final Supplier<CallLogs> logs;

  public CallLogFeed(RecordingIndex index, Supplier<CallLogs> logs) {
    this.index = Objects.requireNonNull(index, "index");
    this.logs = Objects.requireNonNull(logs, "logs");
  }

  @Override
  public CompletableFuture<Void> record(RecordingChange change) {
    if (change instanceof RecordingChange.Started started) {
      logs.get().recordingStarted(started.tenantId(), started.callId(), started.recordingId());
    }
    CompletableFuture<Void> stored = index.record(change);
    if (change instanceof RecordingChange.WavReady || change instanceof RecordingChange.Failed) {
      stored.whenComplete((done, error) -> logs.get().recordingSettled(change.tenantId(), change.recordingId()));
    }
    return stored;
  }
}
