package io.ramal.api.events;

/**
 * Told how many event sockets a user holds whenever that changes (a socket authenticated or
 * closed), so whoever cares — the agent desk — knows whether the user's client is still there.
 */
@FunctionalInterface
public interface SocketPresence {
    SocketPresence NONE = (tenantId, userId, openSockets) -> { };

    void changed(String tenantId, String userId, int openSockets);
}
