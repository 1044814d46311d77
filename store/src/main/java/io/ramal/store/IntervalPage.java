package io.ramal.store;

import io.ramal.cti.agent.Interval;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the ledger and where the next starts (empty on the last page). */
public record IntervalPage(List<Interval> intervals, Optional<String> nextCursor) {
    public IntervalPage {
        intervals = List.copyOf(intervals);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
