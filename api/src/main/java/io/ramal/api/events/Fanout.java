package io.ramal.api.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each committed event to the subscribers of its tenant, in seq order. Subscribers are
 * spread over a few delivery lanes (one thread each, by default one per core): the appender only
 * queues the events once per lane and returns; each lane calls its subscribers one after the
 * other. Subscribers must not block: each keeps its own bounded queue and decides itself what
 * happens when that overflows (the WebSocket disconnects a slow client). A subscriber only ever
 * receives the events of the tenant it subscribed to, each once, in seq order.
 */
public final class Fanout implements AutoCloseable {

    /** Receives a tenant's events in seq order, on a lane thread. Must return at once and never block. */
    @FunctionalInterface
    public interface Subscriber {
        void deliver(JournalEvent event);
    }

    /** Ends a subscription; idempotent. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    /** One lane per available processor, on daemon platform threads. */
    public Fanout() {
        this(Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().daemon().name("ramal-fanout-", 0).factory());
    }

    public Fanout(int laneCount, ThreadFactory threads) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("laneCount must be at least 1: " + laneCount);
        }
        Objects.requireNonNull(threads, "threads");
        for (int i = 0; i < laneCount; i++) {
            Lane lane = new Lane();
            lanes.add(lane);
            threads.newThread(lane).start();
        }
    }

    /**
     * Starts delivering the tenant's events published from now on. An event published while this
     * call runs may or may not be delivered; callers that must not miss one read the log after
     * subscribing and drop what they see twice.
     */
    public Registration subscribe(String tenant, Subscriber subscriber) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subscriber, "subscriber");
        Lane lane = lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size()));
        lane.byTenant.computeIfAbsent(tenant, ignored -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return () -> lane.byTenant.computeIfPresent(tenant, (ignored, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /** How many subscribers the tenant has now. */
    public int subscribers(String tenant) {
        int count = 0;
        for (Lane lane : lanes) {
            Set<Subscriber> subscribers = lane.byTenant.get(tenant);
            count += subscribers == null ? 0 : subscribers.size();
        }
        return count;
    }

    /** Stops the lanes; events published afterwards are not delivered. */
    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.work.add(Batch.STOP);
        }
    }

    /**
     * Queues committed events of one tenant, already in seq order, for delivery. Called with the
     * tenant's lock held, so batches of one tenant enter every lane in seq order.
     */
    void publish(String tenant, List<JournalEvent> events) {
        Batch batch = new Batch(tenant, List.copyOf(events));
        for (Lane lane : lanes) {
            if (lane.byTenant.containsKey(tenant)) {
                lane.work.add(batch);
            }
        }
    }

    private record Batch(String tenant, List<JournalEvent> events) {
        static final Batch STOP = new Batch("", List.of());
    }

    /** One delivery thread and the subscribers assigned to it. */
    private static final class Lane implements Runnable {
        final Map<String, Set<Subscriber>> byTenant = new ConcurrentHashMap<>();
        final LinkedBlockingQueue<Batch> work = new LinkedBlockingQueue<>();

        @Override
        public void run() {
            try {
                while (true) {
                    Batch batch = work.take();
                    if (batch == Batch.STOP) {
                        return;
                    }
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(Batch batch) {
            Set<Subscriber> subscribers = byTenant.get(batch.tenant());
            if (subscribers == null) {
                return;
            }
            for (Subscriber subscriber : subscribers) {
                for (JournalEvent event : batch.events()) {
                    try {
                        subscriber.deliver(event);
                    } catch (RuntimeException e) {
                        // One broken subscriber must not starve the others; it has seen a gap and
                        // is expected to notice (the WebSocket reads the log to fill gaps).
                        LOG.atWarn().setCause(e).addKeyValue("tenant", batch.tenant()).log("event subscriber failed");
                    }
                }
            }
        }
    }
}
