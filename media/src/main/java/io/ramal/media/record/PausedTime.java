package io.ramal.media.record;

/**
 * What a pause leaves in the file. Skipping keeps the file to what was said; silence keeps the
 * file's timeline equal to the call's, so a moment in the call (an event's timestamp) can be found
 * in the file by subtracting the recording's start.
 */
public enum PausedTime {
    /** The file jumps from the moment of pause to the moment of resume. */
    SKIPPED,
    /** The paused span is written as silence. */
    SILENCE
}
