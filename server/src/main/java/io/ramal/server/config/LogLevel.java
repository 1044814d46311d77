package io.ramal.server.config;

import java.util.Locale;

/** Root log level, as in the {@code log.level} key. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF;

    static LogLevel fromConfigName(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown log level '" + text + "' (supported: trace, debug, info, warn, error, off)");
        }
    }
}
