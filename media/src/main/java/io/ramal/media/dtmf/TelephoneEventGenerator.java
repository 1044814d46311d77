package io.ramal.media.dtmf;

import io.ramal.media.rtp.RtpPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets a sender emits for one key press (RFC 4733 §2.5.1): a first packet with the marker
 * bit, an update every packet interval with the growing duration, then the final duration three
 * times with the end bit. All share one RTP timestamp, the instant the press began; sequence
 * numbers run on from the stream's.
 */
public final class TelephoneEventGenerator {
    /** Packets carrying the end bit. */
    public static final int END_PACKETS = 3;
    /** Default volume: -10 dBm0. */
    public static final int VOLUME = 10;

    private TelephoneEventGenerator() {}

    /**
     * The payloads for one press of {@code duration} at 8000 Hz, one per {@code samplesPerPacket}
     * (160 for 20 ms): updates first, then {@value #END_PACKETS} end packets.
     */
    public static List<TelephoneEvent> events(int event, Duration duration, int volume, int samplesPerPacket) {
        if (samplesPerPacket <= 0) {
            throw new IllegalArgumentException("samples per packet must be positive");
        }
        int total = (int) Math.min(0xFFFF, Math.max(samplesPerPacket, duration.toMillis() * 8));
        List<TelephoneEvent> out = new ArrayList<>(total / samplesPerPacket + 1 + END_PACKETS);
        for (int d = samplesPerPacket; ; d += samplesPerPacket) {
            out.add(new TelephoneEvent(event, false, volume, Math.min(d, total)));
            if (d >= total) {
                break;
            }
        }
        for (int i = 0; i < END_PACKETS; i++) {
            out.add(new TelephoneEvent(event, true, volume, total));
        }
        return out;
    }

    /** The RTP packets for pressing {@code digit}, 20 ms apart, starting at {@code firstSequence}. */
    public static List<RtpPacket> packets(char digit, Duration duration, int payloadType, long ssrc,
            int firstSequence, long timestamp) {
        List<TelephoneEvent> events = events(DtmfDigit.eventOf(digit), duration, VOLUME, 160);
        List<RtpPacket> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(RtpPacket.of(i == 0, payloadType, (firstSequence + i) & 0xFFFF, timestamp, ssrc,
                    events.get(i).toBytes()));
        }
        return out;
    }
}
