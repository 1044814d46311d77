package io.ramal.cti;

import java.util.Locale;

/** Whether the call's audio is being recorded. */
public enum RecordingState {
    OFF, ACTIVE, PAUSED;

    /** The JSON spelling: {@code off}, {@code active}, {@code paused}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
