package io.ramal.pbx.record;

import io.ramal.media.record.PartyChannels;
import io.ramal.media.record.PausedTime;
import io.ramal.media.record.Recorder;
import io.ramal.media.record.RecordingSpec;
import io.ramal.pbx.directory.RecordingPolicy;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.record.RecordingReply.Reason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder of one answered call, on the call's shard: at most one recording at a time,
 * numbered within the call ({@code <call id>-1}, {@code -2} after a stop and a new start). A
 * recording taps both parties on the call's anchored media and writes them mixed (and, if
 * configured, one channel each) with pauses as silence, so the file's timeline is the call's.
 * Every step is reported to the CTI layer (on the shard, at once) and to the index; an action's
 * reply completes once the index has stored it, so a client that reads the index after the
 * reply finds what it did.
 */
public final class CallRecording {
  private static final Logger log = LoggerFactory.getLogger(CallRecording.class);
  private static final Pattern SAFE_DIRECTORY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final List<String> PARTIES = List.of("caller", "callee");

  /** The recording being written. */
  private static final class Active {
    final String id;
    final Recorder recorder;
    final AutoCloseable tap;
    Instant pausedSince;
    Duration paused = Duration.ZERO;

    Active(String id, Recorder recorder, AutoCloseable tap) {
      this.id = id;
      this.recorder = recorder;
      this.tap = tap;
    }

    Duration pausedUntil(Instant at) {
      return pausedSince == null ? paused : paused.plus(Duration.between(pausedSince, at));
    }
  }

  private final Recordings service;
  private final String tenantId;
  private final String callId;
  private final Optional<String> callerExtension;
  private final Optional<String> calleeExtension;
  private final CallMedia media;
  private final Executor shard;
  private final RecordingListener listener;
  private int seq;
  private Active active;

  CallRecording(Recordings service, String tenantId, String callId, Optional<String> callerExtension,
      Optional<String> calleeExtension, CallMedia media, Executor shard, RecordingListener listener) {
    this.service = service;
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.callId = Objects.requireNonNull(callId, "callId");
    this.callerExtension = Objects.requireNonNull(callerExtension, "callerExtension");
    this.calleeExtension = Objects.requireNonNull(calleeExtension, "calleeExtension");
    this.media = Objects.requireNonNull(media, "media");
    this.shard = Objects.requireNonNull(shard, "shard");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Carries out an API action; the reply completes once the index holds the change. */
  public CompletableFuture<RecordingReply> act(RecordingAction action) {
    return switch (action) {
      case START -> start();
      case PAUSE -> pause();
      case RESUME -> resume();
      case STOP -> stop("api");
    };
  }

  /** The call was answered: a policy of {@code always} starts recording now. */
  public void answered() {
    if (service.settings().isEmpty()) return;
    RecordingPolicy.Decision decision = service.policy(tenantId, callerExtension, calleeExtension);
    if (decision.policy() != RecordingPolicy.ALWAYS) return;
    start().thenAccept(reply -> {
      if (reply instanceof RecordingReply.Refused r) {
        log.warn("event=recording_policy_not_applied call={} tenant={} policy=\"{}\" reason=\"{}\"", callId, tenantId,
            decision.reason(), r.message());
      }
    });
  }

  /** The call ended: a running recording stops with reason {@code call ended}. */
  public void ended() {
    if (active != null) stop("call ended");
  }

  private CompletableFuture<RecordingReply> start() {
    if (active != null) {
      return refused(Reason.ALREADY_RECORDING, "call " + callId + " is already being recorded (" + active.id + ")");
    }
    if (service.settings().isEmpty()) return refused(Reason.FAILED, "recording is not configured on this server");
    RecordingSettings settings = service.settings().get();
    RecordingPolicy.Decision decision = service.policy(tenantId, callerExtension, calleeExtension);
    if (decision.policy() == RecordingPolicy.NEVER) {
      return refused(Reason.FORBIDDEN_BY_POLICY, "call " + callId + " may not be recorded: " + decision.reason());
    }
    if (!SAFE_DIRECTORY.matcher(tenantId).matches() || tenantId.contains("..")) {
      return refused(Reason.FAILED, "tenant id " + tenantId + " cannot name a recordings directory");
    }
    int n = seq + 1;
    String id = callId + "-" + n;
    Instant at = service.clock().instant();
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    Path relative = Path.of(tenantId, String.format("%04d", day.getYear()), String.format("%02d", day.getMonthValue()),
        String.format("%02d", day.getDayOfMonth()));
    RecordingSpec spec;
    try {
      spec = new RecordingSpec(settings.directory().resolve(relative), id, PARTIES,
          settings.partyChannels() ? PartyChannels.STEREO : PartyChannels.NONE, 0, settings.flushInterval(),
          PausedTime.SILENCE);
    } catch (IllegalArgumentException e) {
      return refused(Reason.FAILED, "cannot record call " + callId + ": " + e.getMessage());
    }
    Recorder recorder = Recorder.create(spec, service.writers(), service.writers());
    Optional<AutoCloseable> tap = media.tap(recorder.party(0), recorder.party(1), recorder);
    if (tap.isEmpty()) {
      return refused(Reason.MEDIA_NOT_ANCHORED, "the audio of call " + callId
          + " flows directly between the phones (media.mode: direct), so Ramal cannot record it");
    }
    if (!recorder.start()) {
      close(tap.get());
      return refused(Reason.FAILED, "the recorder of call " + callId + " could not start");
    }
    seq = n;
    active = new Active(id, recorder, tap.get());
    CompletableFuture<Void> stored = service.index().record(new RecordingChange.Started(tenantId, id, callId, n,
        callerExtension, calleeExtension, at, relative.resolve(id + ".wav")));
    recorder.outcome().whenComplete((outcome, error) -> {
      if (outcome == null) return; // the outcome future is only ever completed with a value
      service.finish(tenantId, id, spec.mp3Path(), outcome);
      if (outcome instanceof io.ramal.media.record.RecordingOutcome.Failed f) {
        shard.execute(() -> failedWhileLive(id, f.reason()));
      }
    });
    log.info("event=recording_started call={} tenant={} recording={}", callId, tenantId, id);
    listener.started(id, at);
    return done(stored, id);
  }

  private CompletableFuture<RecordingReply> pause() {
    if (active == null) return refused(Reason.NOT_RECORDING, "call " + callId + " is not being recorded");
    if (active.pausedSince != null) {
      return refused(Reason.ALREADY_PAUSED, "recording " + active.id + " is already paused");
    }
    active.recorder.pause();
    Instant at = service.clock().instant();
    active.pausedSince = at;
    CompletableFuture<Void> stored = service.index().record(new RecordingChange.Paused(tenantId, active.id, at));
    listener.paused(active.id, at);
    return done(stored, active.id);
  }

  private CompletableFuture<RecordingReply> resume() {
    if (active == null) return refused(Reason.NOT_RECORDING, "call " + callId + " is not being recorded");
    if (active.pausedSince == null) return refused(Reason.NOT_PAUSED, "recording " + active.id + " is not paused");
    active.recorder.resume();
    Instant at = service.clock().instant();
    active.paused = active.pausedUntil(at);
    active.pausedSince = null;
    CompletableFuture<Void> stored = service.index().record(new RecordingChange.Resumed(tenantId, active.id, at,
        active.paused));
    listener.resumed(active.id, at);
    return done(stored, active.id);
  }

  private CompletableFuture<RecordingReply> stop(String reason) {
    if (active == null) return refused(Reason.NOT_RECORDING, "call " + callId + " is not being recorded");
    Active a = active;
    active = null;
    Instant at = service.clock().instant();
    CompletableFuture<Void> stored = service.index().record(new RecordingChange.Stopped(tenantId, a.id, at,
        a.pausedUntil(at), reason));
    a.recorder.stop();
    close(a.tap);
    log.info("event=recording_stopped call={} tenant={} recording={} reason=\"{}\"", callId, tenantId, a.id, reason);
    listener.stopped(a.id, reason, at);
    return done(stored, a.id);
  }

  /** On the shard: the writer failed while the call was still being recorded. */
  private void failedWhileLive(String id, String reason) {
    if (active == null || !active.id.equals(id)) return;
    Active a = active;
    active = null;
    close(a.tap);
    listener.stopped(id, "failed: " + reason, service.clock().instant());
  }

  private static CompletableFuture<RecordingReply> done(CompletableFuture<Void> stored, String id) {
    return stored.handle((ok, error) -> {
      if (error != null) log.warn("event=recording_index_failed recording={} error=\"{}\"", id, error.toString());
      return new RecordingReply.Done(id);
    });
  }

  private static CompletableFuture<RecordingReply> refused(Reason reason, String message) {
    return CompletableFuture.completedFuture(new RecordingReply.Refused(reason, message));
  }

  private static void close(AutoCloseable tap) {
    try {
      tap.close();
    } catch (Exception e) {
      log.debug("event=recording_tap_close_failed error=\"{}\"", e.toString());
    }
  }
}
