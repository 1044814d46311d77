package io.ramal.api.webhooks;

import io.ramal.api.events.CommitNotice;
import io.ramal.store.EventLog;
import io.ramal.store.StoredEvent;
import io.ramal.store.WebhookAllowLists;
import io.ramal.store.WebhookDelivery;
import io.ramal.store.WebhookOutbox;
import io.ramal.store.WebhookSubscription;
import io.ramal.store.WebhookSubscriptions;
import java.sql.Connection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook engine's entry point: turns each event of the event log into deliveries for the
 * tenant's matching subscriptions, inside the transaction that appends the event, so an event
 * and its deliveries exist together or not at all. Also owns the repositories and the
 * subscription cache shared by {@link WebhookAdmin} and {@link WebhookDispatcher}.
 */
public final class Webhooks {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

    private final WebhookConfig config;
    private final InstantSource clock;
    private final WebhookSubscriptions subscriptions;
    private final WebhookOutbox outbox;
    private final WebhookAllowLists allowLists;
    private final SubscriptionCache cache;
    private final CommitNotice enqueued = new CommitNotice();

    public Webhooks(DataSource dataSource, InstantSource clock, WebhookConfig config) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.subscriptions = new WebhookSubscriptions(dataSource);
        this.outbox = new WebhookOutbox(dataSource);
        this.allowLists = new WebhookAllowLists(dataSource);
        this.cache = new SubscriptionCache(config.subscriptionCacheTtl());
    }

    /**
     * Adds a delivery for every enabled subscription of the event's tenant that wants the event,
     * on {@code transaction} — the caller's connection with its transaction open, the one that
     * appends the event to the event log. Commits nothing and closes nothing: the deliveries
     * become real when the caller commits, and vanish if it rolls back. Call
     * {@link WebhookDispatcher#wake()} after the commit for prompt delivery.
     *
     * <p>A database failure throws {@link io.ramal.store.StoreException}; the caller should roll the
     * whole transaction back (event included), so no event is ever kept without its deliveries.
     *
     * @return the deliveries added (empty when no subscription wants the event)
     */
    public List<WebhookDelivery> enqueue(Connection transaction, WebhookEvent event) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(event, "event");
        Instant now = clock.instant();
        List<Subscription> candidates = cache.get(event.tenant(), now, () -> load(transaction, event.tenant()));
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Object> envelope = event.envelope();
        CallView call = CallView.of(envelope);
        String payload = null;
        List<WebhookDelivery> added = new ArrayList<>();
        for (Subscription subscription : candidates) {
            if (!subscription.wants(event.type(), call)) {
                continue;
            }
            if (payload == null) {
                payload = WebhookJson.write(envelope);
            }
            WebhookDelivery delivery = WebhookDelivery.pending(UUID.randomUUID().toString(), event.tenant(),
                    subscription.id(), event.seq(), event.id(), event.type(), payload, now, Optional.empty());
            outbox.insert(transaction, delivery);
            added.add(delivery);
        }
        return List.copyOf(added);
    }

    /**
     * {@link #enqueue} for each appended event: the event log's {@link EventLog.Enlistment}, so
     * the journal writes events and their deliveries in one transaction.
     */
    public void enlist(Connection transaction, List<StoredEvent> events) {
        Instant now = clock.instant();
        for (StoredEvent stored : events) {
            if (cache.get(stored.tenantId(), now, () -> load(transaction, stored.tenantId())).isEmpty()) {
                continue; // no subscription: the event is not even parsed
            }
            if (!enqueue(transaction, WebhookEvent.fromJson(stored.tenantId(), stored.seq(), stored.id(), stored.ts(),
                    stored.type(), stored.callId(), stored.device(), stored.payload())).isEmpty()) {
                enqueued.mark();
            }
        }
    }

    /**
     * True if an append of this thread since its last call enqueued a delivery: the commit hook
     * wakes the dispatcher only then (retries come due by its poll), not after every event of every
     * call. Asked on the appending thread, so another tenant's append still in its transaction
     * cannot take the answer.
     */
    public boolean enqueuedSinceAsked() {
        return enqueued.take();
    }

    /** Forgets the tenant's cached subscriptions; every change to them must call this. */
    public void invalidate(String tenantId) {
        cache.invalidate(tenantId);
    }

    WebhookConfig config() {
        return config;
    }

    InstantSource clock() {
        return clock;
    }

    WebhookSubscriptions subscriptions() {
        return subscriptions;
    }

    WebhookOutbox outbox() {
        return outbox;
    }

    WebhookAllowLists allowLists() {
        return allowLists;
    }

    /** The tenant's allow-list as blocks; entries that no longer parse are skipped. */
    List<Cidr> allowList(String tenantId) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : allowLists.list(tenantId)) {
            try {
                blocks.add(Cidr.parse(entry));
            } catch (IllegalArgumentException e) {
                LOG.warn("tenant {}: ignoring webhook allow-list entry '{}': {}", tenantId, entry, e.getMessage());
            }
        }
        return blocks;
    }

    private List<Subscription> load(Connection transaction, String tenantId) {
        List<Subscription> loaded = new ArrayList<>();
        for (WebhookSubscription stored : subscriptions.listEnabled(transaction, tenantId)) {
            try {
                loaded.add(Subscription.from(stored));
            } catch (IllegalArgumentException e) {
                // a damaged row must not stop the event log: skip it, loudly
                LOG.error("tenant {}: webhook subscription {} is unreadable and gets no deliveries: {}",
                        tenantId, stored.id(), e.getMessage());
            }
        }
        return loaded;
    }
}
