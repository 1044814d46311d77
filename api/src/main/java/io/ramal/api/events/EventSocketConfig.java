package io.ramal.api.events;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the event WebSocket.
 *
 * @param serverVersion     sent in the hello op
 * @param heartbeat         how often the server sends a ping op to each authenticated socket
 * @param authTimeout       how long a socket that connected without a credential has to send an auth op
 * @param maxSocketsPerUser how many event sockets one user (of one tenant) may hold at once
 * @param queueCapacity     how many frames may wait for one socket before it is closed as a slow consumer
 * @param historyPageSize   how many stored events are read per database query while replaying history
 * @param maxBadMessages    how many malformed messages a socket may send before it is closed
 * @param closeGrace        how long a closing socket may take to flush before it is cut
 */
public record EventSocketConfig(
        String serverVersion,
        Duration heartbeat,
        Duration authTimeout,
        int maxSocketsPerUser,
        int queueCapacity,
        int historyPageSize,
        int maxBadMessages,
        Duration closeGrace) {

    public EventSocketConfig {
        Objects.requireNonNull(serverVersion, "serverVersion");
        positive(heartbeat, "heartbeat");
        positive(authTimeout, "authTimeout");
        positive(closeGrace, "closeGrace");
        atLeastOne(maxSocketsPerUser, "maxSocketsPerUser");
        atLeastOne(queueCapacity, "queueCapacity");
        atLeastOne(historyPageSize, "historyPageSize");
        atLeastOne(maxBadMessages, "maxBadMessages");
    }

    /** Heartbeat 15 s, auth timeout 10 s, 10 sockets per user, 4,096 queued frames, pages of 500. */
    public static EventSocketConfig defaults(String serverVersion) {
        return new EventSocketConfig(serverVersion, Duration.ofSeconds(15), Duration.ofSeconds(10), 10, 4_096, 500,
                10, Duration.ofSeconds(5));
    }

    public EventSocketConfig withHeartbeat(Duration value) {
        return new EventSocketConfig(serverVersion, value, authTimeout, maxSocketsPerUser, queueCapacity,
                historyPageSize, maxBadMessages, closeGrace);
    }

    public EventSocketConfig withAuthTimeout(Duration value) {
        return new EventSocketConfig(serverVersion, heartbeat, value, maxSocketsPerUser, queueCapacity,
                historyPageSize, maxBadMessages, closeGrace);
    }

    public EventSocketConfig withMaxSocketsPerUser(int value) {
        return new EventSocketConfig(serverVersion, heartbeat, authTimeout, value, queueCapacity,
                historyPageSize, maxBadMessages, closeGrace);
    }

    public EventSocketConfig withQueueCapacity(int value) {
        return new EventSocketConfig(serverVersion, heartbeat, authTimeout, maxSocketsPerUser, value,
                historyPageSize, maxBadMessages, closeGrace);
    }

    public EventSocketConfig withHistoryPageSize(int value) {
        return new EventSocketConfig(serverVersion, heartbeat, authTimeout, maxSocketsPerUser, queueCapacity,
                value, maxBadMessages, closeGrace);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}
