package io.ramal.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The RFC 3264 offer/answer rules for one anchored audio stream per leg: make an offer from our
 * capabilities, answer a peer's offer (the first audio stream with a codec we share is accepted,
 * every other stream is refused with port 0, directions mirrored), and read the peer's answer to
 * our offer.
 */
public final class OfferAnswer {
    private static final String NO_NAME = "-";

    private OfferAnswer() {}

    /** A fresh offer: one audio stream at {@code address}:{@code port} with all our formats. */
    public static SessionDescription offer(
            AudioCapabilities caps, Origin origin, Connection address, int port, Direction direction) {
        List<RtpMap> formats = new ArrayList<>(caps.codecs());
        caps.telephoneEvent().ifPresent(formats::add);
        caps.comfortNoise().ifPresent(formats::add);
        MediaDescription audio = audioSection("RTP/AVP", formats, caps, port, direction, false);
        return new SessionDescription(
                origin, NO_NAME, Optional.of(address), List.of(new SdpLine('t', "0 0")), List.of(audio));
    }

    /**
     * Our answer to {@code offer}: the first active RTP audio stream offering one of our codecs is
     * accepted with the first such codec in the offerer's order (plus telephone-event and CN when
     * both sides have them, under the offerer's numbers); every other stream gets port 0. Our
     * direction is the offer's mirrored and limited by {@code ours}; an offer with address
     * {@code 0.0.0.0} is treated as not wanting to receive (RFC 3264 §8.4).
     */
    public static Answering answer(
            SessionDescription offer,
            AudioCapabilities caps,
            Origin origin,
            Connection address,
            int port,
            Direction ours) {
        int chosen = -1;
        RtpMap codec = null;
        boolean sawAudio = false;
        for (int i = 0; i < offer.media().size() && chosen < 0; i++) {
            MediaDescription m = offer.media().get(i);
            if (m.isRejected() || !m.isRtpAudio()) {
                continue;
            }
            sawAudio = true;
            for (RtpMap f : m.rtpMaps()) {
                if (caps.codecLike(f).isPresent()) {
                    codec = f;
                    chosen = i;
                    break;
                }
            }
        }
        if (chosen < 0) {
            return new Answering.Refused(488, sawAudio ? "no common audio codec" : "no audio stream offered");
        }
        MediaDescription offered = offer.media().get(chosen);
        Optional<RtpMap> event = find(offered, caps.telephoneEvent());
        Optional<RtpMap> noise = find(offered, caps.comfortNoise());
        Optional<Connection> remote = offer.connectionOf(offered);
        boolean unspecified = remote.map(Connection::isUnspecified).orElse(false);
        Direction theirs = offer.directionOf(offered);
        if (unspecified) {
            theirs = theirs.withoutReceiving();
        }
        Direction direction = theirs.mirror().intersect(ours);

        List<RtpMap> formats = new ArrayList<>(3);
        formats.add(codec);
        event.ifPresent(formats::add);
        noise.ifPresent(formats::add);
        List<MediaDescription> media = new ArrayList<>(offer.media().size());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            media.add(i == chosen
                    ? audioSection(offered.proto(), formats, caps, port, direction, offered.rtcpMux())
                    : refused(m));
        }
        List<SdpLine> timing = new ArrayList<>(1);
        for (SdpLine l : offer.lines()) {
            if (l.type() == 't') {
                timing.add(l);
            }
        }
        if (timing.isEmpty()) {
            timing.add(new SdpLine('t', "0 0"));
        }
        SessionDescription answer = new SessionDescription(origin, NO_NAME, Optional.of(address), timing, media);
        NegotiatedAudio audio = new NegotiatedAudio(
                NegotiatedFormat.of(codec, codec),
                event.map(e -> NegotiatedFormat.of(e, e)),
                noise.map(n -> NegotiatedFormat.of(n, n)),
                unspecified ? Optional.empty() : remote.map(Connection::host),
                offered.port(),
                offered.rtcpMux(),
                offered.port() == 0 ? 0 : offered.rtcpPort(),
                direction,
                offered.ptime().orElse(caps.ptime()));
        return new Answering.Answered(answer, audio);
    }

    /**
     * Reads the peer's answer to {@code ourOffer}: the first audio stream we offered that the peer
     * kept, with the first codec of the answer that we offered and support. We receive under our
     * offer's payload type numbers and send under the answer's.
     */
    public static Acceptance accept(SessionDescription ourOffer, SessionDescription answer, AudioCapabilities caps) {
        if (answer.media().size() != ourOffer.media().size()) {
            return new Acceptance.Unusable("answer has " + answer.media().size() + " media sections, offer had "
                    + ourOffer.media().size());
        }
        for (int i = 0; i < ourOffer.media().size(); i++) {
            MediaDescription mine = ourOffer.media().get(i);
            MediaDescription theirs = answer.media().get(i);
            if (mine.isRejected() || !mine.isRtpAudio() || theirs.isRejected()) {
                continue;
            }
            Optional<NegotiatedFormat> codec = Optional.empty();
            for (RtpMap f : theirs.rtpMaps()) {
                if (caps.codecLike(f).isPresent()) {
                    codec = pair(mine, f);
                    if (codec.isPresent()) {
                        break;
                    }
                }
            }
            if (codec.isEmpty()) {
                return new Acceptance.Unusable("answer accepts no audio codec we offered");
            }
            Optional<Connection> remote = answer.connectionOf(theirs);
            boolean unspecified = remote.map(Connection::isUnspecified).orElse(false);
            Direction peer = answer.directionOf(theirs);
            if (unspecified) {
                peer = peer.withoutReceiving();
            }
            Direction direction = peer.mirror().intersect(ourOffer.directionOf(mine));
            return new Acceptance.Agreed(new NegotiatedAudio(
                    codec.get(),
                    find(theirs, caps.telephoneEvent()).flatMap(e -> pair(mine, e)),
                    find(theirs, caps.comfortNoise()).flatMap(n -> pair(mine, n)),
                    unspecified ? Optional.empty() : remote.map(Connection::host),
                    theirs.port(),
                    theirs.rtcpMux() && mine.rtcpMux(),
                    theirs.port() == 0 ? 0 : theirs.rtcpPort(),
                    direction,
                    theirs.ptime().orElse(caps.ptime())));
        }
        return new Acceptance.Unusable("answer accepts no audio stream");
    }

    /** The format of our section matching the peer's {@code sent}, paired with it. */
    private static Optional<NegotiatedFormat> pair(MediaDescription ours, RtpMap sent) {
        for (RtpMap f : ours.rtpMaps()) {
            if (f.sameFormat(sent)) {
                return Optional.of(NegotiatedFormat.of(f, sent));
            }
        }
        return Optional.empty();
    }

    private static Optional<RtpMap> find(MediaDescription m, Optional<RtpMap> wanted) {
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        for (RtpMap f : m.rtpMaps()) {
            if (f.sameFormat(wanted.get())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static MediaDescription refused(MediaDescription m) {
        return new MediaDescription(
                m.media(), 0, OptionalInt.empty(), m.proto(), m.formats(), Optional.empty(), List.of());
    }

    private static List<String> ptList(List<RtpMap> formats) {
        List<String> pts = new ArrayList<>(formats.size());
        for (RtpMap f : formats) {
            pts.add(Integer.toString(f.payloadType()));
        }
        return pts;
    }

    private static MediaDescription audioSection(
            String proto,
            List<RtpMap> formats, AudioCapabilities caps, int port, Direction direction, boolean rtcpMux) {
        List<SdpLine> lines = new ArrayList<>(formats.size() + 4);
        for (RtpMap f : formats) {
            lines.add(SdpLine.attribute("rtpmap", f.toString()));
            if (f.encoding().equalsIgnoreCase(RtpMap.TELEPHONE_EVENT) && !caps.telephoneEventFmtp().isEmpty()) {
                lines.add(SdpLine.attribute("fmtp", f.payloadType() + " " + caps.telephoneEventFmtp()));
            }
        }
        lines.add(SdpLine.attribute("ptime", Integer.toString(caps.ptime())));
        if (rtcpMux) {
            lines.add(SdpLine.attribute("rtcp-mux"));
        }
        lines.add(SdpLine.attribute(direction.attributeName()));
        return new MediaDescription(
                "audio", port, OptionalInt.empty(), proto, ptList(formats), Optional.empty(), lines);
    }
}
