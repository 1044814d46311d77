package io.ramal.media.record;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished recording, for an index row: its files with sizes and checksums, and how much audio
 * it holds (paused time excluded).
 *
 * @param name the spec's base name
 * @param duration recorded audio
 * @param files every file written
 * @param warnings problems that did not lose the recording (e.g. the MP3 could not be made)
 */
public record RecordingResult(String name, Duration duration, List<RecordedFile> files, List<String> warnings) {
    public RecordingResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duration, "duration");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** The first file of that kind. */
    public Optional<RecordedFile> file(RecordedFile.Kind kind) {
        return files.stream().filter(f -> f.kind() == kind).findFirst();
    }

    /** Total bytes of all files. */
    public long size() {
        return files.stream().mapToLong(RecordedFile::size).sum();
    }
}
