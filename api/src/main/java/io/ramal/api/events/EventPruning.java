package io.ramal.api.events;

import io.ramal.store.EventLog;
import io.ramal.store.EventRetention;
import io.ramal.store.StoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the event retention to every tenant's log periodically. A client that later asks to
 * resume from a pruned seq gets a snapshot instead (see {@link SocketWriter}).
 */
public final class EventPruning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPruning.class);

    private final EventLog log;
    private final EventRetention retention;
    private final ScheduledExecutorService scheduler;
    private final Duration period;
    private ScheduledFuture<?> task;

    public EventPruning(EventLog log, EventRetention retention, ScheduledExecutorService scheduler, Duration period) {
        this.log = Objects.requireNonNull(log, "log");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.period = Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }

    /** Prunes now and then every {@code period}. */
    public synchronized void start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::runQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Prunes every tenant once; returns how many events were removed. */
    public long runOnce() {
        return log.pruneAll(retention);
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void runQuietly() {
        try {
            long removed = runOnce();
            if (removed > 0) {
                LOG.atDebug().addKeyValue("removed", removed).log("pruned the event log");
            }
        } catch (StoreException e) {
            // Try again next period; a failure must not end the schedule.
            LOG.atWarn().setCause(e).log("event log pruning failed");
        }
    }
}
