package io.ramal.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Rewrites a description so that its media points at us (an anchored B2BUA relays every packet):
 * our origin and address, our port on the first active audio stream, everything else kept. Lines
 * that describe the other party's transport (ICE candidates and credentials, {@code a=rtcp} with
 * its address) are removed; other active streams get port 0 because we do not carry them.
 */
public final class Anchoring {
    /** Attributes describing the original party's transport, meaningless once we are in the path. */
    static final List<String> TRANSPORT_ATTRIBUTES = List.of(
            "rtcp", "candidate", "remote-candidates", "end-of-candidates", "ice-ufrag", "ice-pwd", "ice-options",
            "ice-lite", "ice-mismatch");

    private Anchoring() {}

    public static SessionDescription rewrite(SessionDescription sdp, Origin origin, Connection address, int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        int anchored = firstActiveAudio(sdp);
        List<MediaDescription> media = new ArrayList<>(sdp.media().size());
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (m.isRejected()) {
                media.add(m);
                continue;
            }
            List<SdpLine> lines = new ArrayList<>(m.lines().size());
            for (SdpLine l : SessionDescription.without(m.lines(), TRANSPORT_ATTRIBUTES)) {
                if (l.type() != 'c') {
                    lines.add(l);
                }
            }
            media.add(new MediaDescription(
                    m.media(),
                    i == anchored ? port : 0,
                    OptionalInt.empty(),
                    m.proto(),
                    m.formats(),
                    m.connection().map(c -> address),
                    lines));
        }
        return new SessionDescription(
                origin,
                sdp.sessionName(),
                Optional.of(address),
                SessionDescription.without(sdp.lines(), TRANSPORT_ATTRIBUTES),
                media);
    }

    /**
     * Limits the first active audio stream to formats we handle (our codecs, telephone-event and
     * comfort noise when we have them), dropping the rtpmap and fmtp lines of the others, and adds
     * any of our codecs the description lacks, so the peer may choose one we can transcode.
     */
    public static SessionDescription restrict(SessionDescription sdp, AudioCapabilities caps) {
        int anchored = firstActiveAudio(sdp);
        if (anchored < 0) {
            return sdp;
        }
        MediaDescription m = sdp.media().get(anchored);
        List<String> kept = new ArrayList<>(m.formats().size() + caps.codecs().size());
        List<RtpMap> keptMaps = new ArrayList<>();
        for (String f : m.formats()) {
            Optional<RtpMap> map = m.rtpMap(f);
            if (map.isPresent() && handled(map.get(), caps)) {
                kept.add(f);
                keptMaps.add(map.get());
            }
        }
        List<SdpLine> lines = new ArrayList<>(m.lines().size() + caps.codecs().size());
        for (SdpLine l : m.lines()) {
            if (l.isAttribute("rtpmap") || l.isAttribute("fmtp")) {
                String v = l.attributeValue().trim();
                int space = v.indexOf(' ');
                if (!kept.contains(space < 0 ? v : v.substring(0, space))) {
                    continue;
                }
            }
            lines.add(l);
        }
        for (RtpMap c : caps.codecs()) {
            boolean present = false;
            for (RtpMap k : keptMaps) {
                present |= k.sameFormat(c);
            }
            String pt = Integer.toString(c.payloadType());
            if (!present && !kept.contains(pt)) {
                kept.add(pt);
                keptMaps.add(c);
                lines.add(SdpLine.attribute("rtpmap", c.toString()));
            }
        }
        List<MediaDescription> media = new ArrayList<>(sdp.media());
        media.set(anchored, m.withFormats(kept).withLines(lines));
        return sdp.withMedia(media);
    }

    private static boolean handled(RtpMap f, AudioCapabilities caps) {
        return caps.codecLike(f).isPresent()
                || caps.telephoneEvent().map(f::sameFormat).orElse(false)
                || caps.comfortNoise().map(f::sameFormat).orElse(false);
    }

    /** Index of the first RTP audio stream with a non-zero port, or -1. */
    static int firstActiveAudio(SessionDescription sdp) {
        for (int i = 0; i < sdp.media().size(); i++) {
            MediaDescription m = sdp.media().get(i);
            if (!m.isRejected() && m.isRtpAudio()) {
                return i;
            }
        }
        return -1;
    }
}
