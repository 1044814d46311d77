package io.ramal.server;

import java.util.Objects;

/** A component failed to start; everything started before it has been stopped again. */
public final class StartupFailedException extends RuntimeException {
    private final String component;

    public StartupFailedException(String component, Throwable cause) {
        super(component + " failed to start: " + describe(cause), cause);
        this.component = Objects.requireNonNull(component, "component");
    }

    public String component() {
        return component;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
