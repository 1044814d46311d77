package io.ramal.media.record;

/** Where a {@link Recorder} is in its life. */
public enum RecordingState {
    /** Created, not started: audio is discarded. */
    IDLE,
    /** Writing every tick. */
    RECORDING,
    /** Not writing; paused time is skipped (the file does not contain it). */
    PAUSED,
    /** Stopped for good; files are being finished or are finished. */
    STOPPED
}
