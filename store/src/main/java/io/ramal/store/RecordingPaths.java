package io.ramal.store;

import java.util.Objects;

/** The rule for stored recording paths: relative, {@code /}-separated, never leaving the directory. */
final class RecordingPaths {
    private RecordingPaths() {}

    static String requireRelative(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
            throw new IllegalArgumentException("not a relative recording path: " + path);
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not a relative recording path: " + path);
            }
        }
        return path;
    }
}
