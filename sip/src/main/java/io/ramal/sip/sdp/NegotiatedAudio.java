package io.ramal.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of offer/answer for one leg's audio stream, from our point of view: the one voice
 * codec to use, telephone events and comfort noise if agreed, where the peer said to send
 * (empty when it gave {@code 0.0.0.0}), whether RTCP is muxed and otherwise the peer's RTCP port
 * ({@code a=rtcp}, RFC 3605, else the RTP port plus one; 0 when the RTP port is 0), our direction,
 * and the packet time.
 */
public record NegotiatedAudio(
        NegotiatedFormat codec,
        Optional<NegotiatedFormat> telephoneEvent,
        Optional<NegotiatedFormat> comfortNoise,
        Optional<String> remoteAddress,
        int remotePort,
        boolean rtcpMux,
        int remoteRtcpPort,
        Direction direction,
        int ptime) {

    public NegotiatedAudio {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(telephoneEvent, "telephoneEvent");
        Objects.requireNonNull(comfortNoise, "comfortNoise");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(direction, "direction");
        if (remotePort < 0 || remotePort > 65535) {
            throw new IllegalArgumentException("port out of range: " + remotePort);
        }
        if (remoteRtcpPort < 0 || remoteRtcpPort > 65535) {
            throw new IllegalArgumentException("RTCP port out of range: " + remoteRtcpPort);
        }
    }
}
