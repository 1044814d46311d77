package io.ramal.sip.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What our side of an audio stream can do, used to make offers and answers: the voice codecs in
 * our order of preference, RFC 4733 telephone events (with the payload type we use in our own
 * offers), whether we announce comfort noise (RFC 3389; we accept CN packets either way), the
 * packet time we send, and the DTMF events we receive (fmtp).
 */
public record AudioCapabilities(
        List<RtpMap> codecs,
        Optional<RtpMap> telephoneEvent,
        String telephoneEventFmtp,
        Optional<RtpMap> comfortNoise,
        int ptime) {

    public AudioCapabilities {
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("no codec");
        }
        Objects.requireNonNull(telephoneEvent, "telephoneEvent");
        Objects.requireNonNull(telephoneEventFmtp, "telephoneEventFmtp");
        Objects.requireNonNull(comfortNoise, "comfortNoise");
        if (ptime <= 0) {
            throw new IllegalArgumentException("ptime must be positive");
        }
    }

    /** G.711 µ-law then A-law, telephone-event 101 (events 0-16), no CN announced, 20 ms. */
    public static AudioCapabilities g711() {
        return new AudioCapabilities(
                List.of(RtpMap.PCMU, RtpMap.PCMA), Optional.of(RtpMap.telephoneEvent(101)), "0-16", Optional.empty(), 20);
    }

    /** The same capabilities with only the given codecs, in that order (e.g. to avoid transcoding). */
    public AudioCapabilities withCodecs(List<RtpMap> newCodecs) {
        return new AudioCapabilities(newCodecs, telephoneEvent, telephoneEventFmtp, comfortNoise, ptime);
    }

    /** Whether a format is one of our voice codecs. */
    public Optional<RtpMap> codecLike(RtpMap format) {
        for (RtpMap c : codecs) {
            if (c.sameFormat(format)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
