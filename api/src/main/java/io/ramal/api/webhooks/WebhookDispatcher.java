package io.ramal.api.webhooks;

import io.ramal.store.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: a loop that claims due deliveries (each the head of its subscription, under
 * a lease, see {@link io.ramal.store.WebhookOutbox}) and runs each attempt on its own virtual
 * thread, at most {@code maxConcurrent} at once. Several dispatchers — threads, processes or
 * nodes on one database — may run together; a dispatcher that dies loses nothing, its leases
 * expire and another one takes over. It also deletes expired finished deliveries.
 *
 * <p>Lifecycle: {@link #start} after the database is migrated; {@link #wake()} after each commit
 * that enqueued deliveries (otherwise they wait up to {@code pollInterval}); {@link #close()} on
 * shutdown.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Webhooks webhooks;
    private final WebhookConfig config;
    private final WebhookSender sender;
    private final Courier courier;
    private final String owner;
    private final Semaphore slots;
    private final Semaphore signal = new Semaphore(0);
    private final ExecutorService attempts;
    private final Thread loop;
    private volatile boolean running = true;

    private WebhookDispatcher(Webhooks webhooks, AddressGuard guard, WebhookSender sender, DoubleSupplier random,
            DeliveryFields fields) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.config = webhooks.config();
        this.sender = Objects.requireNonNull(sender, "sender");
        this.owner = "dispatcher-" + UUID.randomUUID();
        this.courier = new Courier(webhooks, guard, sender, owner, random, fields);
        this.slots = new Semaphore(config.maxConcurrent());
        this.attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
        this.loop = Thread.ofVirtual().name("webhook-dispatcher").unstarted(this::run);
    }

    /** Starts a dispatcher sending over HTTP with the configured timeouts. */
    public static WebhookDispatcher start(Webhooks webhooks, AddressGuard guard) {
        return start(webhooks, guard, DeliveryFields.NONE);
    }

    /** Starts a dispatcher whose attempts get {@code fields} (signed recording links, say). */
    public static WebhookDispatcher start(Webhooks webhooks, AddressGuard guard, DeliveryFields fields) {
        WebhookConfig config = webhooks.config();
        return start(webhooks, guard, new HttpWebhookSender(config.connectTimeout(), config.readTimeout()),
                () -> ThreadLocalRandom.current().nextDouble(), fields);
    }

    static WebhookDispatcher start(Webhooks webhooks, AddressGuard guard, WebhookSender sender,
            DoubleSupplier random) {
        return start(webhooks, guard, sender, random, DeliveryFields.NONE);
    }

    static WebhookDispatcher start(Webhooks webhooks, AddressGuard guard, WebhookSender sender,
            DoubleSupplier random, DeliveryFields fields) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(webhooks, guard, sender, random, fields);
        dispatcher.loop.start();
        return dispatcher;
    }

    /** Looks for due deliveries now instead of at the next poll. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /**
     * Stops claiming, waits up to {@code shutdownGrace} for attempts in flight, then aborts the rest
     * (they are given back to the outbox, due at once, for the next dispatcher).
     */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            loop.join(config.shutdownGrace().plus(config.pollInterval()).toMillis() + 1_000);
            attempts.shutdown();
            if (!attempts.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
                attempts.awaitTermination(config.shutdownGrace().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            attempts.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            sender.close();
        }
    }

    private void run() {
        Instant nextPrune = webhooks.clock().instant();
        while (running) {
            boolean more = false;
            try {
                Instant now = webhooks.clock().instant();
                if (!now.isBefore(nextPrune)) {
                    prune(now);
                    nextPrune = now.plus(config.pruneInterval());
                }
                int free = Math.min(slots.availablePermits(), config.batchSize());
                if (free > 0) {
                    List<WebhookDelivery> claimed = webhooks.outbox().claim(owner, now, now.plus(config.lease()), free);
                    for (WebhookDelivery delivery : claimed) {
                        slots.acquireUninterruptibly();
                        attempts.execute(() -> attempt(delivery));
                    }
                    more = claimed.size() == free && slots.availablePermits() > 0;
                }
            } catch (RuntimeException e) {
                LOG.warn("webhook dispatcher: cannot claim deliveries: {}", e.toString());
            }
            if (!more) {
                try {
                    signal.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                signal.drainPermits();
            }
        }
    }

    private void attempt(WebhookDelivery delivery) {
        try {
            courier.deliver(delivery);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the database went away mid-attempt: the lease expires and the delivery is tried again
            LOG.warn("webhook delivery {} (subscription {}): attempt not recorded: {}",
                    delivery.id(), delivery.subscriptionId(), e.toString());
        } finally {
            slots.release();
            wake();
        }
    }

    private void prune(Instant now) {
        int removed = webhooks.outbox().prune(now.minus(config.deliveredRetention()), now.minus(config.deadRetention()));
        if (removed > 0) {
            LOG.info("webhook outbox: deleted {} finished deliveries past retention", removed);
        }
    }
}
