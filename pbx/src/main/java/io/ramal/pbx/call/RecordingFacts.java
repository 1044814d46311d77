package io.ramal.pbx.call;

import io.ramal.pbx.record.RecordingListener;
import java.time.Instant;

/** A call's recorder reporting to the call observer (on the call's shard, defects contained). */
final class RecordingFacts implements RecordingListener {
  private final CallObserver observer;
  private final String tenantId;
  private final String callId;

  RecordingFacts(CallObserver observer, String tenantId, String callId) {
    this.observer = observer;
    this.tenantId = tenantId;
    this.callId = callId;
  }

  @Override
  public void started(String recordingId, Instant at) {
    CallReports.observe(() -> observer.recordingStarted(tenantId, callId, recordingId, at));
  }

  @Override
  public void paused(String recordingId, Instant at) {
    CallReports.observe(() -> observer.recordingPaused(tenantId, callId, recordingId, at));
  }

  @Override
  public void resumed(String recordingId, Instant at) {
    CallReports.observe(() -> observer.recordingResumed(tenantId, callId, recordingId, at));
  }

  @Override
  public void stopped(String recordingId, String reason, Instant at) {
    CallReports.observe(() -> observer.recordingStopped(tenantId, callId, recordingId, reason, at));
  }
}
