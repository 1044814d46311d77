package io.ramal.server.config;

import java.util.Objects;

/** The HTTP listener ({@code http.*}): health, metrics and, later, the REST and WebSocket APIs. */
public record HttpConfig(String bind, int port) {
    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        if (bind.isBlank()) {
            throw new IllegalArgumentException("bind address must not be empty");
        }
        Ports.check("port", port);
    }

    public HttpConfig withPort(int newPort) {
        return new HttpConfig(bind, newPort);
    }
}
