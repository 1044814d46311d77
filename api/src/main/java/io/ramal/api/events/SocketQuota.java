package io.ramal.api.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts each user's open event sockets against a limit. */
final class SocketQuota {

    private final int limit;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    SocketQuota(int limit) {
        this.limit = limit;
    }

    /** Takes one socket for the user; false if the user already holds {@code limit}. */
    boolean tryAcquire(String user) {
        boolean[] granted = {false};
        open.compute(user, (ignored, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    void release(String user) {
        open.computeIfPresent(user, (ignored, count) -> count <= 1 ? null : count - 1);
    }

    int held(String user) {
        return open.getOrDefault(user, 0);
    }
}
