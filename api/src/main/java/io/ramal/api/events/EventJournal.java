package io.ramal.api.events;

import io.ramal.store.EventDraft;
import io.ramal.store.EventLog;
import io.ramal.store.EventLogHead;
import io.ramal.store.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one way events enter the stream: each append is committed to the durable {@link EventLog}
 * first and only then handed to the {@link Fanout}, so a client never sees an event that a
 * restart could lose. Appends of one tenant are serialized by a per-tenant lock held from the
 * database transaction through fan-out, so subscribers receive seq values in order; tenants do
 * not wait for each other.
 *
 * <p>The lock is reentrant and exposed through {@link #atomically}, so a producer can change its
 * state and append the matching events as one step, and a {@link SnapshotSource} can read that
 * state and {@link #head} consistently (see its contract).
 *
 * <p>Fan-out reaches the subscribers of this process only; the log itself stays gap-free if
 * several processes append to one PostgreSQL database.
 */
public final class EventJournal {

    private final EventLog log;
    private final Fanout fanout;
    private final EventLog.Enlistment outbox;
    private final Runnable committed;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public EventJournal(EventLog log, Fanout fanout) {
        this(log, fanout, EventLog.Enlistment.NONE, () -> {});
    }

    /**
     * @param outbox    runs on each append's transaction (the webhook outbox), so what it writes
     *                  exists exactly when the events do
     * @param committed runs after each committed append (waking the webhook dispatcher)
     */
    public EventJournal(EventLog log, Fanout fanout, EventLog.Enlistment outbox, Runnable committed) {
        this.log = Objects.requireNonNull(log, "log");
        this.fanout = Objects.requireNonNull(fanout, "fanout");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.committed = Objects.requireNonNull(committed, "committed");
    }

    /**
     * Appends one event and publishes it once committed. {@link IllegalArgumentException} if a
     * field is reserved or not JSON-able; {@link io.ramal.store.StoreException} if the database
     * fails (then nothing is published).
     */
    public JournalEvent append(String tenant, String type, Optional<String> callId, Optional<String> device,
            Map<String, Object> fields) {
        return appendAll(tenant, List.of(new NewEvent(type, callId, device, fields))).getFirst();
    }

    /** Appends the events in one transaction (consecutive seq values), then publishes them in order. */
    public List<JournalEvent> appendAll(String tenant, List<NewEvent> events) {
        return appendAll(tenant, events, EventLog.Enlistment.NONE);
    }

    /**
     * As {@link #appendAll(String, List)}, with {@code also} run on the append's transaction after
     * the journal's own enlistment (the webhook outbox): what it writes exists exactly when the
     * events do, and if it throws, nothing is stored or published and its exception is thrown here.
     */
    public List<JournalEvent> appendAll(String tenant, List<NewEvent> events, EventLog.Enlistment also) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(also, "also");
        List<EventDraft> drafts = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            drafts.add(EventCodec.draft(event));
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        return atomically(tenant, () -> {
            List<StoredEvent> stored = log.appendAll(tenant, drafts, also == EventLog.Enlistment.NONE ? outbox
                    : (transaction, appended) -> {
                        outbox.enlist(transaction, appended);
                        also.enlist(transaction, appended);
                    });
            List<JournalEvent> journal = new ArrayList<>(stored.size());
            for (StoredEvent event : stored) {
                journal.add(EventCodec.journalEvent(event));
            }
            fanout.publish(tenant, journal);
            committed.run();
            return List.copyOf(journal);
        });
    }

    /** Runs {@code action} while no other thread of this process appends for the tenant. */
    public <T> T atomically(String tenant, Supplier<T> action) {
        Objects.requireNonNull(action, "action");
        ReentrantLock lock = locks.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), ignored -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Where the tenant's log stands (last seq, how far retention pruned). */
    public EventLogHead head(String tenant) {
        return log.head(tenant);
    }

    /** Up to {@code limit} of the tenant's stored events after {@code seq}, in seq order. */
    public List<JournalEvent> after(String tenant, long seq, int limit) {
        List<StoredEvent> stored = log.after(tenant, seq, limit);
        List<JournalEvent> events = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            events.add(EventCodec.journalEvent(event));
        }
        return events;
    }

    /** Delivers the tenant's events committed from now on; see {@link Fanout#subscribe}. */
    public Fanout.Registration subscribe(String tenant, Fanout.Subscriber subscriber) {
        return fanout.subscribe(tenant, subscriber);
    }
}
