package io.ramal.cti.core;

import static io.ramal.cti.RecordingState.ACTIVE;
import static io.ramal.cti.RecordingState.OFF;
import static io.ramal.cti.RecordingState.PAUSED;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.RecordingState;
import io.ramal.cti.event.RecordingEvent;
import io.ramal.cti.event.RecordingPaused;
import io.ramal.cti.event.RecordingResumed;
import io.ramal.cti.event.RecordingStarted;
import io.ramal.cti.event.RecordingStopped;
import io.ramal.cti.fact.RecorderFact;
import io.ramal.cti.fact.RecorderPaused;
import io.ramal.cti.fact.RecorderResumed;
import io.ramal.cti.fact.RecorderStarted;
import io.ramal.cti.fact.RecorderStopped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Follows the recorder of a call: one recording at a time, started, paused, resumed, stopped. */
final class RecordingTracker {
    /** The constructor shape shared by the recording events. */
    private interface RecordingEventFactory {
        RecordingEvent create(String tenant, Instant at, CallSnapshot call, String recordingId);
    }

    private final String tenant;
    private final Snapshots snapshots;

    RecordingTracker(String tenant, Snapshots snapshots) {
        this.tenant = tenant;
        this.snapshots = snapshots;
    }

    Outcome on(LiveCall call, RecorderFact f) {
        boolean current = call.recordingId.equals(Optional.of(f.recordingId()));
        RecordingState state = call.recording;
        return switch (f) {
            case RecorderStarted s -> state != OFF ? invalid(f, call) : record(call, s, ACTIVE, RecordingStarted::new);
            case RecorderPaused p -> state != ACTIVE || !current ? invalid(f, call)
                    : record(call, p, PAUSED, RecordingPaused::new);
            case RecorderResumed r -> state != PAUSED || !current ? invalid(f, call)
                    : record(call, r, ACTIVE, RecordingResumed::new);
            case RecorderStopped s -> state == OFF || !current ? invalid(f, call)
                    : record(call, s, OFF, RecordingStopped::new);
        };
    }

    private Outcome record(LiveCall call, RecorderFact f, RecordingState next, RecordingEventFactory event) {
        call.recording = next;
        call.recordingId = next == OFF ? Optional.empty() : Optional.of(f.recordingId());
        return Outcome.of(List.of(event.create(tenant, f.at(), snapshots.next(call), f.recordingId())));
    }

    private static Outcome invalid(RecorderFact f, LiveCall call) {
        return Outcome.of(new Anomaly(Anomaly.Kind.INVALID_TRANSITION, f, f.getClass().getSimpleName()
                + " for recording " + f.recordingId() + " of call " + call.id + " while recording is "
                + call.recording.wire() + call.recordingId.map(id -> " (" + id + ")").orElse("")));
    }
}
