package io.ramal.cti.queue;

import io.ramal.cti.Identifiers;
import java.time.Duration;
import java.util.Objects;

/**
 * A queue as it is now, from the distributor's memory: callers waiting and the longest wait among them,
 * its service-level threshold, its members and how many of them would be offered the next call.
 */
public record QueueLive(String queue, int waiting, Duration longestWait, Duration serviceLevel, int members,
        int ready) {

    public QueueLive {
        Identifiers.nonBlank(queue, "queue");
        Objects.requireNonNull(longestWait, "longestWait");
        Objects.requireNonNull(serviceLevel, "serviceLevel");
    }
}
