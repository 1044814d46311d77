package io.ramal.cti.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's queue passages of one UTC day, kept in memory as the store keeps them (the latest
 * version of each), so the day's statistics of a queue can be told live after every change (the
 * {@code queue.stats} event) with the very numbers {@code GET /queues/{name}/stats} gives for the day.
 * Seeded from the store when the day (or the server) starts. Pure; not thread-safe (the tenant's lane).
 */
public final class QueueDay {
    private final Instant start;
    private final Map<String, QueueCall> passages = new LinkedHashMap<>();

    /** The day that holds {@code now}, with the passages the store has for it. */
    public QueueDay(Instant now, List<QueueCall> stored) {
        this.start = now.truncatedTo(ChronoUnit.DAYS);
        record(stored);
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return start.plus(Duration.ofDays(1));
    }

    /** True if {@code now} falls in this day. */
    public boolean holds(Instant now) {
        return !now.isBefore(start) && now.isBefore(end());
    }

    /** Changed passages; those that entered on another day are not this day's. */
    public void record(List<QueueCall> changed) {
        for (QueueCall call : changed) {
            if (holds(call.enteredAt())) {
                // the store keeps milliseconds: a passage read back must meet its in-memory self
                passages.put(call.callId() + '\n' + call.queue() + '\n' + call.enteredAt().toEpochMilli(), call);
            }
        }
    }

    /** The day's numbers of {@code live}'s queue, as the statistics route counts them. */
    public QueueStats stats(QueueLive live) {
        Objects.requireNonNull(live, "live");
        return QueueStats.of(live, start, end(), new ArrayList<>(passages.values()));
    }
}
