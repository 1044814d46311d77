package io.ramal.media.rtcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The quality of one leg's media, both ways: what we sent, what we measured of the stream we
 * received (RFC 3550 Appendix A), and what the peer's RTCP reports said of ours.
 *
 * @param packetsSent RTP packets we sent on the leg
 * @param octetsSent payload octets in them
 * @param packetsReceived RTP packets received and counted by sequence number
 * @param packetsLost packets the sequence numbers say are missing
 * @param packetsLate packets that arrived more than 20 ms later than the quickest of their stream
 *     ({@link ReceptionStatistics#packetsLate()})
 * @param jitter interarrival jitter we measured on the peer's stream (at the last packet)
 * @param reportsSent RTCP compounds we sent
 * @param reportsReceived RTCP compounds from the peer that we accepted
 * @param peer the peer's latest report about our stream, if it sent one
 * @param worstRoundTrip the longest round trip seen over the call, if any was measured
 */
public record StreamQuality(
        long packetsSent,
        long octetsSent,
        long packetsReceived,
        long packetsLost,
        long packetsLate,
        Duration jitter,
        long reportsSent,
        long reportsReceived,
        Optional<PeerReport> peer,
        Optional<Duration> worstRoundTrip) {

    public static final StreamQuality NONE = new StreamQuality(0, 0, 0, 0, 0, Duration.ZERO, 0, 0, Optional.empty(),
            Optional.empty());

    public StreamQuality {
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(worstRoundTrip, "worstRoundTrip");
    }

    /** Packets lost over packets expected, 0 to 1 (0 when nothing was expected). */
    public double lossRatio() {
        long expected = packetsReceived + packetsLost;
        return expected == 0 ? 0 : (double) packetsLost / expected;
    }
}
