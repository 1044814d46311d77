package io.ramal.store;

import java.util.Locale;

/** Where a recording is: being written, paused, being finished, finished, or lost. */
public enum RecordingStatus {
    /** Audio is being written. */
    RECORDING,
    /** Paused: the file gets silence until resumed. */
    PAUSED,
    /** Stopped; the files are being closed, measured and the MP3 made. */
    PROCESSING,
    /** Every file is complete, with its size and checksum. */
    READY,
    /** Writing failed; see the failure. Files may hold audio up to the failure. */
    FAILED;

    /** The lower-case name stored in the database and shown in APIs. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordingStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether audio is still being added (the call is recording or paused). */
    public boolean live() {
        return this == RECORDING || this == PAUSED;
    }
}
