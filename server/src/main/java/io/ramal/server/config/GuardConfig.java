package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Brute-force protection for SIP digest authentication ({@code sip.guard.*}); maps one to one
 * onto the {@code sip} module's {@code GuardPolicy}.
 *
 * @param maxFailuresPerSource failed authentications one source address may make within {@code window};
 *                             the next one blocks it
 * @param window               sliding window for counting a source's failures
 * @param block                how long a blocked source stays blocked
 * @param maxFailuresPerUser   failed authentications one user name may collect from all sources within
 *                             {@code userWindow}; the next one throttles the user name
 * @param userWindow           sliding window for counting a user name's failures
 * @param userThrottle         how long a throttled user name is refused to sources that have not
 *                             recently authenticated as it
 * @param trustedSourceTtl     how long after a success a source stays exempt from its user's throttling
 */
public record GuardConfig(
        int maxFailuresPerSource,
        Duration window,
        Duration block,
        int maxFailuresPerUser,
        Duration userWindow,
        Duration userThrottle,
        Duration trustedSourceTtl) {

    public static final GuardConfig DEFAULTS = new GuardConfig(
            10, Duration.ofSeconds(60), Duration.ofMinutes(10),
            20, Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(2));

    public GuardConfig {
        atLeastOne("max_failures_per_source", maxFailuresPerSource);
        atLeastOne("max_failures_per_user", maxFailuresPerUser);
        atLeastOneSecond("window", window);
        atLeastOneSecond("block", block);
        atLeastOneSecond("user_window", userWindow);
        atLeastOneSecond("user_throttle", userThrottle);
        atLeastOneSecond("trusted_source_ttl", trustedSourceTtl);
    }

    private static void atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }

    private static void atLeastOneSecond(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(key + " must be at least 1s, got " + DurationText.format(value));
        }
    }
}
