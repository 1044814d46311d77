package io.ramal.media.relay;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where endpoints bind and how they latch: {@code relatchAfterSilence} is how long the latched
 * source must have been silent before another source carrying the same SSRC may take over (see
 * ADR 0004); {@code bindAttempts} is how many pairs to try when a port of the range is taken by
 * another program.
 */
public record EndpointSettings(InetAddress bindAddress, Duration relatchAfterSilence, int bindAttempts) {

    public EndpointSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(relatchAfterSilence, "relatchAfterSilence");
        if (relatchAfterSilence.isNegative() || bindAttempts < 1) {
            throw new IllegalArgumentException("bad endpoint settings");
        }
    }

    /** 127.0.0.1, re-latch after 2 s of silence, 8 bind attempts. */
    public static EndpointSettings loopback() {
        return new EndpointSettings(InetAddress.getLoopbackAddress(), Duration.ofSeconds(2), 8);
    }
}
