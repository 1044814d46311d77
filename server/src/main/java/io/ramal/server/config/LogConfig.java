package io.ramal.server.config;

import java.util.Objects;

/** Logging ({@code log.*}). */
public record LogConfig(LogLevel level) {
    public static final LogConfig DEFAULTS = new LogConfig(LogLevel.INFO);

    public LogConfig {
        Objects.requireNonNull(level, "level");
    }
}
