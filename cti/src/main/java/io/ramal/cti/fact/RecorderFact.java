package io.ramal.cti.fact;

/** A fact reported by the media recorder of a call. */
public sealed interface RecorderFact extends CallFact
        permits RecorderStarted, RecorderStopped, RecorderPaused, RecorderResumed {
    /** The recording's id (the key its file is found by). */
    String recordingId();
}
