package io.ramal.server;

import java.util.List;
import java.util.Objects;

/**
 * A part of the server with a start and a stop: the store, the PBX, the HTTP listener.
 * {@link Main} starts them in order and stops them in reverse order.
 */
public interface Lifecycle {
    /** Short name for logs ({@code store}, {@code pbx}, {@code http}). */
    String name();

    /** Starts the component; may block until it is ready to serve. */
    void start() throws Exception;

    /** Stops the component; called only after a successful {@link #start()}. Must not throw. */
    void stop();

    /** What it listens on once started, one line each (e.g. {@code sip udp 127.0.0.1:5060}). */
    default List<String> endpoints() {
        return List.of();
    }

    /** A component from plain callbacks. */
    static Lifecycle of(String name, StartAction start, Runnable stop) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }

    /** A start callback that may fail with a checked exception. */
    @FunctionalInterface
    interface StartAction {
        void run() throws Exception;
    }
}
