package io.ramal.api.screenpop;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * CRM answers kept for a short while, so a caller who rings several agents, or calls back a minute
 * later, costs the CRM one request. Keyed by tenant and rendered URL; only real answers (found, not
 * found) are kept, never failures or timeouts. Holds at most {@code capacity} answers, dropping the
 * least recently used. Time is given, never read.
 */
final class ContactCache {

    private record Kept(LookupResult result, Instant expires) {}

    private final int capacity;
    private final LinkedHashMap<String, Kept> entries;

    ContactCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                return size() > ContactCache.this.capacity;
            }
        };
    }

    synchronized Optional<LookupResult> get(String tenant, String url, Instant now) {
        String key = key(tenant, url);
        Kept entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.result());
    }

    /** Keeps {@code result} for {@code ttl} from {@code now}, if it is a real answer and ttl is positive. */
    synchronized void put(String tenant, String url, LookupResult result, Duration ttl, Instant now) {
        Objects.requireNonNull(result, "result");
        if (!result.cacheable() || ttl.isZero() || ttl.isNegative()) {
            return;
        }
        entries.put(key(tenant, url), new Kept(result, now.plus(ttl)));
    }

    /** Forgets the tenant's answers (its lookup changed). */
    synchronized void forget(String tenant) {
        String prefix = tenant + "\n";
        entries.keySet().removeIf(key -> key.startsWith(prefix));
    }

    synchronized int size() {
        return entries.size();
    }

    private static String key(String tenant, String url) {
        return tenant + "\n" + url;
    }
}
