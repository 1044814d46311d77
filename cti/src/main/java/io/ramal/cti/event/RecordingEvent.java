package io.ramal.cti.event;

import io.ramal.cti.CallSnapshot;
import io.ramal.cti.JsonFields;
import java.util.Map;
import java.util.Optional;

/** An event about the recording of a call; it carries the call after the event. */
public sealed interface RecordingEvent extends CtiEvent
        permits RecordingStarted, RecordingPaused, RecordingResumed, RecordingStopped {
    String recordingId();

    CallSnapshot call();

    @Override
    default Optional<String> callId() {
        return Optional.of(call().callId());
    }

    @Override
    default Optional<String> device() {
        return Optional.empty();
    }

    @Override
    default Map<String, Object> data() {
        return JsonFields.create().put("recording_id", recordingId()).build();
    }
}
