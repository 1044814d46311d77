package io.ramal.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which ledger rows to list: those of {@code agentId} (all agents when empty) that overlap
 * {@code [from, to)} (an open row reaches to now), oldest first, {@code limit} per page, after the
 * page that {@code cursor} ended.
 */
public record IntervalQuery(Optional<String> agentId, Optional<Instant> from, Optional<Instant> to,
        Optional<String> cursor, int limit) {

    public static final int MAX_LIMIT = 1000;

    public IntervalQuery {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
    }

    public static IntervalQuery all() {
        return new IntervalQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }
}
