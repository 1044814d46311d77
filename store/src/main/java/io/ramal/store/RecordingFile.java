package io.ramal.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A complete file of a recording.
 *
 * @param path relative to the recordings directory, {@code /}-separated
 * @param size bytes
 * @param sha256 lower-case hex SHA-256 of the content (also the file's HTTP ETag)
 */
public record RecordingFile(String path, long size, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public RecordingFile {
        RecordingPaths.requireRelative(path);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }
}
