package io.ramal.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The media quality of one leg of an anchored call, as kept when the call ended.
 *
 * @param leg which party's leg
 * @param packetsSent RTP packets Ramal sent to the phone
 * @param packetsReceived RTP packets Ramal received from it (counted by sequence number)
 * @param packetsLost packets of the phone's stream that never arrived
 * @param jitter interarrival jitter Ramal measured on the phone's stream
 * @param reportsSent RTCP reports Ramal sent on the leg
 * @param reportsReceived RTCP reports the phone sent and Ramal read
 * @param peer the phone's last report about Ramal's stream, if it sent one
 * @param maxRoundTrip the longest round trip measured over the call
 */
public record MediaQuality(
        String tenantId,
        String callId,
        Leg leg,
        long packetsSent,
        long packetsReceived,
        long packetsLost,
        Duration jitter,
        long reportsSent,
        long reportsReceived,
        Optional<PeerView> peer,
        Optional<Duration> maxRoundTrip,
        Instant recordedAt) {

    /** Which side of the call a leg faces. */
    public enum Leg {
        CALLER, CALLEE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Leg fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * What the phone reported about Ramal's stream.
     *
     * @param fractionLost lost since its previous report, in 1/256 (RFC 3550 §6.4.1)
     * @param roundTrip empty when the phone had no sender report of Ramal's to refer to
     */
    public record PeerView(int fractionLost, long cumulativeLost, Duration jitter, Optional<Duration> roundTrip) {
        public PeerView {
            if (fractionLost < 0 || fractionLost > 255) {
                throw new IllegalArgumentException("fraction lost out of range: " + fractionLost);
            }
            Objects.requireNonNull(jitter, "jitter");
            Objects.requireNonNull(roundTrip, "roundTrip");
        }

        /** The fraction lost from 0 to 1. */
        public double lossRatio() {
            return fractionLost / 256.0;
        }
    }

    public MediaQuality {
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(callId, "callId");
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(maxRoundTrip, "maxRoundTrip");
        recordedAt = Objects.requireNonNull(recordedAt, "recordedAt").truncatedTo(ChronoUnit.MILLIS);
        if (packetsSent < 0 || packetsReceived < 0 || packetsLost < 0 || reportsSent < 0 || reportsReceived < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** Packets lost over packets expected, 0 to 1. */
    public double lossRatio() {
        long expected = packetsReceived + packetsLost;
        return expected == 0 ? 0 : (double) packetsLost / expected;
    }
}
