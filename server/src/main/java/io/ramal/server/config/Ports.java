package io.ramal.server.config;

/** Port range check shared by the config records. Port 0 means "any free port" (used by tests). */
final class Ports {
    private Ports() {
    }

    static int check(String what, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " must be between 0 and 65535, got " + port);
        }
        return port;
    }
}
