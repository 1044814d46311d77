package io.ramal.media.record;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** How a recording ended. */
public sealed interface RecordingOutcome {
    /** Files are complete; see the result. */
    record Completed(RecordingResult result) implements RecordingOutcome {
        public Completed {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Stopped before it was ever started: no files. */
    record NotStarted() implements RecordingOutcome {}

    /**
     * Writing failed (disk full, file exists, directory not writable); {@code files} are what may
     * exist on disk, possibly partial (each still a readable WAV up to its last flush).
     */
    record Failed(String reason, List<Path> files) implements RecordingOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            files = List.copyOf(files);
        }
    }
}
