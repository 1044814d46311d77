package io.ramal.pbx.record;

import io.ramal.media.record.Mp3Encoder;
import io.ramal.media.record.RecordedFile;
import io.ramal.media.record.RecordingOutcome;
import io.ramal.media.record.RecordingResult;
import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.RecordingPolicy;
import io.ramal.pbx.media.CallMedia;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call recording for the whole PBX: makes each call's {@link CallRecording}, decides the
 * recording policy of a call from the {@link Directory}, and finishes stopped recordings off the
 * media path. WAV files are written on virtual threads while the call runs; once a recording's
 * WAV is complete its MP3 is made on one platform thread ({@code recording-finisher}) that rests
 * between chunks while calls are recorded ({@link FinisherPacing}), so encoding leaves the cores to
 * live media, and the index learns of every step through the {@link RecordingIndex}.
 */
public final class Recordings implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Recordings.class);
  private final Optional<RecordingSettings> settings;
  private final RecordingIndex index;
  private final Directory directory;
  private final InstantSource clock;
  /** How long a recording may wait for its MP3 before the finisher stops resting for live calls. */
  private static final Duration MP3_WAIT_LIMIT = Duration.ofMinutes(5);
  private final Executor writers;
  private final ThreadPoolExecutor finisher;
  private final AtomicInteger recording = new AtomicInteger();
  private final FinisherPacing pacing;

  private Recordings(Optional<RecordingSettings> settings, RecordingIndex index, Directory directory,
      InstantSource clock) {
    this.settings = settings;
    this.index = Objects.requireNonNull(index, "index");
    this.directory = directory;
    this.clock = Objects.requireNonNull(clock, "clock");
    ThreadFactory virtual = Thread.ofVirtual().name("recorder-", 0).factory();
    this.writers = task -> virtual.newThread(() -> {
      recording.incrementAndGet();
      try {
        task.run();
      } finally {
        recording.decrementAndGet();
      }
    }).start();
    this.finisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        Thread.ofPlatform().name("recording-finisher").daemon().priority(Thread.MIN_PRIORITY).factory());
    this.pacing = new FinisherPacing(recording::get, this::oldestMp3Wait, MP3_WAIT_LIMIT);
  }

  /** Recording as {@code settings} say, policies from {@code directory}, reported to {@code index}. */
  public Recordings(RecordingSettings settings, RecordingIndex index, Directory directory, InstantSource clock) {
    this(Optional.of(Objects.requireNonNull(settings, "settings")), index, Objects.requireNonNull(directory, "directory"),
        clock);
  }

  /** No recording: every start is refused, policies are ignored. */
  public static Recordings disabled(InstantSource clock) {
    return new Recordings(Optional.empty(), RecordingIndex.NONE, null, clock);
  }

  /** The recorder of one call, used on its shard only. */
  public CallRecording forCall(String tenantId, String callId, Optional<String> callerExtension,
      Optional<String> calleeExtension, CallMedia media, Executor shard, RecordingListener listener) {
    return new CallRecording(this, tenantId, callId, callerExtension, calleeExtension, media, shard, listener);
  }

  /** What the tenant's and the parties' policies decide for a call (without a directory: on demand). */
  public RecordingPolicy.Decision policy(String tenantId, Optional<String> callerExtension,
      Optional<String> calleeExtension) {
    if (directory == null) return new RecordingPolicy.Decision(RecordingPolicy.ON_DEMAND, "recording is off");
    Map<String, Optional<RecordingPolicy>> parties = new LinkedHashMap<>();
    for (Optional<String> number : java.util.List.of(callerExtension, calleeExtension)) {
      number.ifPresent(n -> parties.putIfAbsent(n,
          directory.extension(tenantId, n).flatMap(Extension::recordingPolicy)));
    }
    return RecordingPolicy.decide(tenantId, directory.recordingPolicy(tenantId), parties);
  }

  Optional<RecordingSettings> settings() {
    return settings;
  }

  RecordingIndex index() {
    return index;
  }

  InstantSource clock() {
    return clock;
  }

  Executor writers() {
    return writers;
  }

  /**
   * A stopped (or failed) recording's outcome, on the thread that completed it: the index gets
   * the WAV files, then the MP3 is made on the finisher thread.
   */
  void finish(String tenantId, String recordingId, Path mp3, RecordingOutcome outcome) {
    RecordingSettings s = settings.orElseThrow();
    switch (outcome) {
      case RecordingOutcome.Completed c -> {
        RecordingResult result = c.result();
        result.warnings().forEach(w -> log.warn("event=recording_warning recording={} warning=\"{}\"", recordingId, w));
        Optional<RecordedFile> mixed = result.file(RecordedFile.Kind.MIXED_WAV);
        if (mixed.isEmpty()) {
          failed(tenantId, recordingId, "no mixed WAV was written");
          return;
        }
        boolean mp3Follows = s.mp3Kbps() > 0;
        index.record(new RecordingChange.WavReady(tenantId, recordingId, result.duration(), stored(s, mixed.get()),
            result.file(RecordedFile.Kind.STEREO_WAV).map(f -> stored(s, f)), mp3Follows));
        if (!mp3Follows) return;
        try {
          finisher.execute(new Mp3Job(clock.instant(), () -> encode(s, tenantId, recordingId, mixed.get().path(), mp3)));
        } catch (RejectedExecutionException e) {
          index.record(new RecordingChange.Mp3Ready(tenantId, recordingId, Optional.empty()));
        }
      }
      case RecordingOutcome.NotStarted n -> failed(tenantId, recordingId, "the recorder never started");
      case RecordingOutcome.Failed f -> failed(tenantId, recordingId, f.reason());
    }
  }

  private void failed(String tenantId, String recordingId, String reason) {
    log.warn("event=recording_failed recording={} tenant={} reason=\"{}\"", recordingId, tenantId, reason);
    index.record(new RecordingChange.Failed(tenantId, recordingId, clock.instant(), reason));
  }

  /** An MP3 to make, with when it was queued, so the finisher knows how long the oldest has waited. */
  private record Mp3Job(Instant queuedAt, Runnable work) implements Runnable {
    @Override
    public void run() {
      work.run();
    }
  }

  private Duration oldestMp3Wait() {
    if (finisher.getQueue().peek() instanceof Mp3Job oldest) {
      Duration waited = Duration.between(oldest.queuedAt(), clock.instant());
      return waited.isNegative() ? Duration.ZERO : waited;
    }
    return Duration.ZERO;
  }

  /** On the finisher thread: the MP3 of the mixed WAV, measured; the recording is ready either way. */
  private void encode(RecordingSettings s, String tenantId, String recordingId, Path wav, Path mp3) {
    Optional<RecordingChange.StoredFile> made = Optional.empty();
    try {
      Mp3Encoder.encode(wav, mp3, s.mp3Kbps(), pacing);
      made = Optional.of(stored(s, RecordedFile.measure(mp3, RecordedFile.Kind.MP3, Optional.empty())));
    } catch (IOException | RuntimeException e) {
      log.warn("event=recording_mp3_failed recording={} error=\"{}\"", recordingId, e.toString());
      if (!(e instanceof FileAlreadyExistsException)) {
        try {
          Files.deleteIfExists(mp3);
        } catch (IOException ignored) {
          // a partial MP3 left behind is not listed in the index
        }
      }
    }
    index.record(new RecordingChange.Mp3Ready(tenantId, recordingId, made));
  }

  private static RecordingChange.StoredFile stored(RecordingSettings s, RecordedFile f) {
    return new RecordingChange.StoredFile(s.directory().relativize(f.path()), f.size(), f.sha256());
  }

  /** Lets MP3s being made finish (up to 30 s), then stops the finisher thread. */
  @Override
  public void close() {
    finisher.shutdown();
    try {
      if (!finisher.awaitTermination(30, TimeUnit.SECONDS)) finisher.shutdownNow();
    } catch (InterruptedException e) {
      finisher.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
