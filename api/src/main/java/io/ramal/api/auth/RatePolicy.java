package io.ramal.api.auth;

import java.time.Duration;

/**
 * A token bucket: up to {@code burst} requests at once, then one more per {@code refillEvery}.
 *
 * @param refillEvery how long it takes to earn one request back
 */
public record RatePolicy(int burst, Duration refillEvery) {

    /** Credential checks per source address: 20 at once, then one every 3 seconds (20 a minute). */
    public static final RatePolicy CREDENTIAL_CHECKS = new RatePolicy(20, Duration.ofSeconds(3));

    public RatePolicy {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        LockoutPolicy.requirePositive(refillEvery, "refillEvery");
    }
}
