package io.ramal.server.pbx;

import io.ramal.pbx.record.RecordingChange;
import io.ramal.pbx.record.RecordingIndex;
import io.ramal.store.Recording;
import io.ramal.store.RecordingFile;
import io.ramal.store.Recordings;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings index in the store, written off the SIP shards and the media path by one
 * platform thread, in the order changes were reported (a recording's row is inserted before it is
 * updated). Paths are stored relative to the recordings directory, {@code /}-separated.
 */
public final class StoreRecordingIndex implements RecordingIndex, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoreRecordingIndex.class);
  private final Recordings recordings;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("recording-index").daemon().factory());

  public StoreRecordingIndex(DataSource dataSource) {
    this.recordings = new Recordings(dataSource);
  }

  /**
   * After a restart nothing is still being recorded: rows the previous run left live or
   * half-finished are closed (see {@link Recordings#closeUnfinished}).
   */
  public int closeUnfinished(InstantSource clock) {
    int closed = recordings.closeUnfinished(clock.instant(),
        "the server stopped before the recording was finished; the WAV holds the audio up to its last flush");
    if (closed > 0) log.warn("event=recordings_closed_after_restart count={}", closed);
    return closed;
  }

  @Override
  public CompletableFuture<Void> record(RecordingChange change) {
    CompletableFuture<Void> stored = new CompletableFuture<>();
    try {
      writer.execute(() -> {
        try {
          boolean applied = apply(change);
          if (!applied) {
            log.warn("event=recording_change_ignored recording={} change={}", change.recordingId(),
                change.getClass().getSimpleName());
          }
          stored.complete(null);
        } catch (RuntimeException e) {
          log.error("event=recording_index_write_failed recording={} change={} error=\"{}\"", change.recordingId(),
              change.getClass().getSimpleName(), e.toString());
          stored.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      stored.completeExceptionally(e);
    }
    return stored;
  }

  private boolean apply(RecordingChange change) {
    String tenant = change.tenantId();
    String id = change.recordingId();
    return switch (change) {
      case RecordingChange.Started s -> {
        recordings.insert(Recording.started(id, tenant, s.callId(), s.seq(), s.callerExtension(), s.calleeExtension(),
            s.at(), path(s.wav())));
        yield true;
      }
      case RecordingChange.Paused p -> recordings.paused(tenant, id);
      case RecordingChange.Resumed r -> recordings.resumed(tenant, id, r.paused().toMillis());
      case RecordingChange.Stopped s -> recordings.stopped(tenant, id, s.at(), s.paused().toMillis(), s.reason());
      case RecordingChange.WavReady w -> recordings.wavReady(tenant, id, w.duration().toMillis(), file(w.wav()),
          w.stereo().map(StoreRecordingIndex::file), w.mp3Follows());
      case RecordingChange.Mp3Ready m -> recordings.mp3Ready(tenant, id, m.mp3().map(StoreRecordingIndex::file));
      case RecordingChange.Failed f -> recordings.failed(tenant, id, f.at(), f.reason());
    };
  }

  private static RecordingFile file(RecordingChange.StoredFile f) {
    return new RecordingFile(path(f.path()), f.size(), f.sha256());
  }

  private static String path(Path relative) {
    StringBuilder text = new StringBuilder();
    for (Path part : relative) {
      if (!text.isEmpty()) text.append('/');
      text.append(part);
    }
    return text.toString();
  }

  /** Writes what is queued (up to 10 s), then stops. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
