package io.ramal.media.relay;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where endpoints bind and how they latch: {@code relatchAfterSilence} is how long the latched
 * source must have been silent before another source carrying the same SSRC may take over (see
 * ADR 0004); {@code bindAttempts} is how many pairs to try when a port of the range is taken by
 * another program; {@code rtcpInterval} is the mean time between the RTCP reports each leg sends
 * (each interval drawn from 0.5 to 1.5 times it, RFC 3550 §6.3.1; zero sends none).
 */
public record EndpointSettings(InetAddress bindAddress, Duration relatchAfterSilence, int bindAttempts,
        Duration rtcpInterval) {

    /** RFC 3550 §6.2's recommended minimum, used as a fixed mean: 5 seconds. */
    public static final Duration RTCP_INTERVAL = Duration.ofSeconds(5);

    public EndpointSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(relatchAfterSilence, "relatchAfterSilence");
        Objects.requireNonNull(rtcpInterval, "rtcpInterval");
        if (relatchAfterSilence.isNegative() || bindAttempts < 1 || rtcpInterval.isNegative()) {
            throw new IllegalArgumentException("bad endpoint settings");
        }
    }

    /** Settings with RTCP reports every {@link #RTCP_INTERVAL} on average. */
    public EndpointSettings(InetAddress bindAddress, Duration relatchAfterSilence, int bindAttempts) {
        this(bindAddress, relatchAfterSilence, bindAttempts, RTCP_INTERVAL);
    }

    /** 127.0.0.1, re-latch after 2 s of silence, 8 bind attempts, RTCP every 5 s. */
    public static EndpointSettings loopback() {
        return new EndpointSettings(InetAddress.getLoopbackAddress(), Duration.ofSeconds(2), 8);
    }

    public EndpointSettings withRtcpInterval(Duration interval) {
        return new EndpointSettings(bindAddress, relatchAfterSilence, bindAttempts, interval);
    }
}
