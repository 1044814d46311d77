package io.ramal.api.queues;

import io.ramal.cti.queue.QueueCall;
import io.ramal.cti.queue.QueueCallTracker;
import io.ramal.cti.queue.QueueDay;
import io.ramal.cti.queue.QueueFact;
import io.ramal.cti.queue.QueueOutcome;
import io.ramal.store.QueueCallHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what became of each queue caller, for the queue statistics: it follows each tenant's distributor
 * steps on the tenant's lane ({@link QueueCallTracker}) and stores each passage as its outcome becomes
 * known ({@link QueueCallHistory}), so the numbers survive restarts.
 */
final class QueueCallLog {
    private static final Logger LOG = LoggerFactory.getLogger(QueueCallLog.class);
    private final QueueCallHistory store;
    private final Map<String, QueueCallTracker> tenants = new ConcurrentHashMap<>();
    private final Map<String, QueueDay> days = new ConcurrentHashMap<>();

    QueueCallLog(QueueCallHistory store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * After a step of the tenant's distributor (on its lane): the fact it was told, if any, and what it did.
     * Returns the queues whose passages changed (their day's statistics changed).
     */
    Set<String> after(String tenant, Optional<QueueFact> fact, QueueOutcome outcome,
            Function<String, Duration> serviceLevel, Instant now) {
        List<QueueCall> changed = tenants.computeIfAbsent(tenant, QueueCallTracker::new).on(fact, outcome,
                serviceLevel);
        if (changed.isEmpty()) {
            return Set.of();
        }
        QueueDay day = day(tenant, now); // read before this step's passages are stored
        try {
            store.record(changed);
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).addKeyValue("tenant", tenant).addKeyValue("calls", changed.size())
                    .log("queue calls could not be stored; queue statistics will miss them");
        }
        day.record(changed);
        Set<String> queues = new LinkedHashSet<>();
        changed.forEach(c -> queues.add(c.queue()));
        return queues;
    }

    /** The tenant's passages of the day that holds {@code now} (read from the store when that day starts here). */
    QueueDay day(String tenant, Instant now) {
        QueueDay day = days.get(tenant);
        if (day == null || !day.holds(now)) {
            QueueDay fresh = new QueueDay(now, List.of());
            List<QueueCall> stored;
            try {
                stored = store.entered(tenant, Optional.empty(), fresh.start(), fresh.end());
            } catch (RuntimeException e) {
                LOG.atError().setCause(e).addKeyValue("tenant", tenant)
                        .log("today's queue calls could not be read; live queue statistics start from zero");
                stored = List.of();
            }
            day = new QueueDay(now, stored);
            days.put(tenant, day);
        }
        return day;
    }
}
