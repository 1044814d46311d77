package io.ramal.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Registration expiry bounds ({@code sip.registration.*}). A REGISTER asking for less than
 * {@code minExpiry} is answered 423 Interval Too Brief; more than {@code maxExpiry} is cut
 * down to it; no Expires at all gets {@code defaultExpiry}.
 */
public record RegistrationConfig(Duration minExpiry, Duration maxExpiry, Duration defaultExpiry) {
    public static final RegistrationConfig DEFAULTS =
            new RegistrationConfig(Duration.ofSeconds(60), Duration.ofSeconds(3600), Duration.ofSeconds(3600));

    public RegistrationConfig {
        Objects.requireNonNull(minExpiry, "minExpiry");
        Objects.requireNonNull(maxExpiry, "maxExpiry");
        Objects.requireNonNull(defaultExpiry, "defaultExpiry");
        if (minExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("min_expiry must be at least 1s, got " + DurationText.format(minExpiry));
        }
        if (minExpiry.compareTo(maxExpiry) > 0) {
            throw new IllegalArgumentException("min_expiry (" + DurationText.format(minExpiry)
                    + ") must not exceed max_expiry (" + DurationText.format(maxExpiry) + ")");
        }
        if (defaultExpiry.compareTo(minExpiry) < 0 || defaultExpiry.compareTo(maxExpiry) > 0) {
            throw new IllegalArgumentException("default_expiry (" + DurationText.format(defaultExpiry)
                    + ") must lie between min_expiry (" + DurationText.format(minExpiry)
                    + ") and max_expiry (" + DurationText.format(maxExpiry) + ")");
        }
    }
}
