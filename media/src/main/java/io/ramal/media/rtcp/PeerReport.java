package io.ramal.media.rtcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the peer last reported about the stream we send it (a report block about our SSRC), with
 * the round-trip time worked out from it (RFC 3550 §6.4.1: arrival − LSR − DLSR).
 *
 * @param lossRatio the peer's fraction lost since its previous report, 0 to 1
 * @param cumulativeLost packets of ours the peer never got
 * @param jitter interarrival jitter the peer measured on our stream
 * @param roundTrip empty when the peer had no sender report of ours to refer to
 */
public record PeerReport(double lossRatio, long cumulativeLost, Duration jitter, Optional<Duration> roundTrip) {
    public PeerReport {
        if (!(lossRatio >= 0 && lossRatio <= 1)) {
            throw new IllegalArgumentException("loss ratio out of range: " + lossRatio);
        }
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }

    /** Reads a block about our stream that arrived at {@code arrival}, on a clock of {@code clockRate} Hz. */
    public static PeerReport of(ReportBlock block, NtpTimestamp arrival, int clockRate) {
        Optional<Duration> rtt = Optional.empty();
        if (block.lastSenderReport() != 0) {
            long units = (arrival.middle() - block.lastSenderReport() - block.delaySinceLastSenderReport())
                    & 0xFFFF_FFFFL;
            if (units < 0x8000_0000L) { // a negative result means clocks or the peer's figures are off
                rtt = Optional.of(Duration.ofNanos(units * 1_000_000_000L >>> 16));
            }
        }
        return new PeerReport(block.lossRatio(), block.cumulativeLost(),
                Duration.ofNanos(block.jitter() * 1_000_000_000L / clockRate), rtt);
    }
}
