package io.ramal.cti.agent;

import java.time.Instant;
import java.util.Objects;

/** What the ledger must record, in order: an interval starts, or an open one ends. */
public sealed interface LedgerChange {
    record Opened(Interval interval) implements LedgerChange {
        public Opened {
            Objects.requireNonNull(interval, "interval");
        }
    }

    record Closed(String intervalId, Instant at, IntervalEnd how) implements LedgerChange {
        public Closed {
            Objects.requireNonNull(intervalId, "intervalId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(how, "how");
        }
    }
}
