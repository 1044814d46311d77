package io.ramal.api.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each tenant's enabled subscriptions, kept in memory so an event costs no subscription query.
 * {@link #invalidate} (called on every admin change) drops a tenant's entry; a load that raced
 * with an invalidation is used once but not kept. Entries also expire after {@code ttl}, which
 * bounds how long another node's change goes unseen.
 */
final class SubscriptionCache {

    private record Entry(List<Subscription> subscriptions, Instant loadedAt, long generation) {}

    private final Duration ttl;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> generations = new ConcurrentHashMap<>();

    SubscriptionCache(Duration ttl) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    List<Subscription> get(String tenantId, Instant now, Supplier<List<Subscription>> loader) {
        long generation = generations.getOrDefault(tenantId, 0L);
        Entry entry = entries.get(tenantId);
        if (entry != null && entry.generation() == generation && now.isBefore(entry.loadedAt().plus(ttl))) {
            return entry.subscriptions();
        }
        List<Subscription> loaded = List.copyOf(loader.get());
        entries.compute(tenantId, (id, old) -> generations.getOrDefault(id, 0L) == generation
                ? new Entry(loaded, now, generation)
                : old);
        return loaded;
    }

    void invalidate(String tenantId) {
        generations.merge(tenantId, 1L, Long::sum);
        entries.remove(tenantId);
    }
}
