package io.ramal.media.relay;

import io.ramal.media.codec.G711;
import io.ramal.sip.sdp.Direction;
import io.ramal.sip.sdp.NegotiatedAudio;
import io.ramal.sip.sdp.NegotiatedFormat;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What offer/answer settled for one leg, in the terms an endpoint needs: the G.711 law and the
 * payload type numbers (we receive under ours, send under the peer's), telephone-event and comfort
 * noise if agreed, where to send before the peer's source is learnt ({@code remote}), which
 * address the first packets must come from ({@code expectedSource}: the SDP address normally; the
 * signalling source for a phone behind NAT; empty to latch to anyone), our direction, and where
 * RTCP goes: on the RTP port when {@code rtcpMux} was agreed (RFC 5761), else to
 * {@code remoteRtcp} (the peer's RTCP port from SDP) until the peer's own RTCP shows its source.
 */
public record RtpSession(
        NegotiatedFormat audio,
        Optional<NegotiatedFormat> telephoneEvent,
        Optional<NegotiatedFormat> comfortNoise,
        Optional<InetSocketAddress> remote,
        Optional<InetAddress> expectedSource,
        Direction direction,
        boolean rtcpMux,
        Optional<InetSocketAddress> remoteRtcp) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public RtpSession {
        Objects.requireNonNull(audio, "audio");
        if (!G711.isG711(audio.encoding()) || audio.clockRate() != 8000) {
            throw new IllegalArgumentException("not G.711 at 8000 Hz: " + audio.encoding() + "/" + audio.clockRate());
        }
        Objects.requireNonNull(telephoneEvent, "telephoneEvent");
        Objects.requireNonNull(comfortNoise, "comfortNoise");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(expectedSource, "expectedSource");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(remoteRtcp, "remoteRtcp");
    }

    /** A session without RTCP multiplexing whose RTCP goes to the RTP port plus one. */
    public RtpSession(NegotiatedFormat audio, Optional<NegotiatedFormat> telephoneEvent,
            Optional<NegotiatedFormat> comfortNoise, Optional<InetSocketAddress> remote,
            Optional<InetAddress> expectedSource, Direction direction) {
        this(audio, telephoneEvent, comfortNoise, remote, expectedSource, direction, false,
                remote.filter(r -> r.getPort() < 65535).map(r -> new InetSocketAddress(r.getAddress(), r.getPort() + 1)));
    }

    /**
     * The session offer/answer produced. The remote address is used only when it is an IP
     * literal (a host name in SDP is never looked up here); the expected source is that address.
     */
    public static RtpSession of(NegotiatedAudio n) {
        Optional<InetAddress> address = n.remoteAddress().flatMap(RtpSession::literal);
        Optional<InetSocketAddress> remote =
                n.remotePort() == 0 ? Optional.empty() : address.map(a -> new InetSocketAddress(a, n.remotePort()));
        Optional<InetSocketAddress> rtcp = n.remoteRtcpPort() == 0 ? Optional.empty()
                : address.map(a -> new InetSocketAddress(a, n.remoteRtcpPort()));
        return new RtpSession(n.codec(), n.telephoneEvent(), n.comfortNoise(), remote, address, n.direction(),
                n.rtcpMux(), rtcp);
    }

    /** A plain G.711 session with the static payload type, optionally telephone-event, both ways. */
    public static RtpSession g711(G711 law, Optional<Integer> telephoneEventPt, InetSocketAddress remote) {
        int pt = law.staticPayloadType();
        return new RtpSession(
                new NegotiatedFormat(law.name(), 8000, pt, pt),
                telephoneEventPt.map(t -> new NegotiatedFormat("telephone-event", 8000, t, t)),
                Optional.empty(),
                Optional.of(remote),
                Optional.of(remote.getAddress()),
                Direction.SENDRECV);
    }

    public RtpSession withExpectedSource(Optional<InetAddress> source) {
        return new RtpSession(audio, telephoneEvent, comfortNoise, remote, source, direction, rtcpMux, remoteRtcp);
    }

    public RtpSession withDirection(Direction d) {
        return new RtpSession(audio, telephoneEvent, comfortNoise, remote, expectedSource, d, rtcpMux, remoteRtcp);
    }

    public RtpSession withRtcpMux(boolean mux) {
        return new RtpSession(audio, telephoneEvent, comfortNoise, remote, expectedSource, direction, mux, remoteRtcp);
    }

    public RtpSession withRemoteRtcp(Optional<InetSocketAddress> rtcp) {
        return new RtpSession(audio, telephoneEvent, comfortNoise, remote, expectedSource, direction, rtcpMux, rtcp);
    }

    public G711 codec() {
        return G711.forEncoding(audio.encoding());
    }

    /** What a received payload type is in this session, or {@code null} if not negotiated. */
    PayloadKind kindOf(int payloadType) {
        if (payloadType == audio.receivePayloadType()) {
            return PayloadKind.AUDIO;
        }
        if (telephoneEvent.isPresent() && payloadType == telephoneEvent.get().receivePayloadType()) {
            return PayloadKind.EVENT;
        }
        if (payloadType == 13 || comfortNoise.isPresent() && payloadType == comfortNoise.get().receivePayloadType()) {
            return PayloadKind.NOISE;
        }
        return null;
    }

    private static Optional<InetAddress> literal(String host) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
