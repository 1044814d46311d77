package io.ramal.api.screenpop;

import java.time.Duration;
import java.util.Objects;

/**
 * How screen pops are made. {@link #defaults()} are the production values (docs/screen-pop.md).
 *
 * @param pollInterval    how often the worker looks for claims when not woken by a new one (claims
 *                        left by a crashed node, or made on another node)
 * @param lease           how long a claim taken by one worker is left alone by others; longer than
 *                        the longest lookup timeout
 * @param maxDelay        a claim not popped this long after the call rang is given up (the call is
 *                        long answered or gone: a pop now would only mislead)
 * @param retention       finished claims (the dedup record) are deleted this long after their pop
 * @param housekeeping    how often old claims are given up and finished ones deleted
 * @param maxConcurrent   pops (lookups) in flight at once, each on its own virtual thread
 * @param cacheCapacity   CRM answers kept in memory at most, across tenants
 * @param maxContactBytes a CRM answer longer than this is refused (the pop goes out without contact)
 */
public record ScreenPopConfig(
        Duration pollInterval,
        Duration lease,
        Duration maxDelay,
        Duration retention,
        Duration housekeeping,
        int maxConcurrent,
        int cacheCapacity,
        int maxContactBytes) {

    public ScreenPopConfig {
        positive(pollInterval, "pollInterval");
        positive(lease, "lease");
        if (lease.compareTo(CrmLookupSettings.MAX_TIMEOUT) <= 0) {
            throw new IllegalArgumentException("lease must be longer than the longest lookup timeout ("
                    + CrmLookupSettings.MAX_TIMEOUT + "): " + lease);
        }
        positive(maxDelay, "maxDelay");
        if (maxDelay.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("maxDelay must be longer than the lease: " + maxDelay);
        }
        positive(retention, "retention");
        positive(housekeeping, "housekeeping");
        if (maxConcurrent < 1 || cacheCapacity < 1 || maxContactBytes < 1) {
            throw new IllegalArgumentException("maxConcurrent, cacheCapacity and maxContactBytes must be at least 1");
        }
    }

    /**
     * Production values: poll every 2 s, 30 s lease, given up 2 min after ringing, finished claims
     * kept 2 days, housekeeping every minute, 64 pops in flight, 10,000 cached answers, answers of
     * up to 64 KiB.
     */
    public static ScreenPopConfig defaults() {
        return new ScreenPopConfig(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofDays(2), Duration.ofMinutes(1), 64, 10_000, 65_536);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
