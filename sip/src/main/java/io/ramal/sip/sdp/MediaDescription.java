package io.ramal.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section: the {@code m=} line, its optional {@code c=} line, and every other line of
 * the section in the order received ({@code lines}: i, b, k, attributes and unknown types). A
 * port of 0 marks a rejected or disabled stream (RFC 3264 §6).
 */
public record MediaDescription(
        String media,
        int port,
        OptionalInt portCount,
        String proto,
        List<String> formats,
        Optional<Connection> connection,
        List<SdpLine> lines) {

    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(proto, "proto");
        Objects.requireNonNull(portCount, "portCount");
        Objects.requireNonNull(connection, "connection");
        if (media.isEmpty() || media.indexOf(' ') >= 0 || proto.isEmpty() || proto.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("bad media or proto: " + media + " " + proto);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        formats = List.copyOf(formats);
        for (String f : formats) {
            if (f.isEmpty() || f.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("bad format: " + f);
            }
        }
        lines = List.copyOf(lines);
    }

    /** Whether this is an audio stream over plain RTP (RTP/AVP or RTP/AVPF). */
    public boolean isRtpAudio() {
        return media.equalsIgnoreCase("audio")
                && (proto.equalsIgnoreCase("RTP/AVP") || proto.equalsIgnoreCase("RTP/AVPF"));
    }

    public boolean isRejected() {
        return port == 0;
    }

    /** Values of every attribute called {@code name}, in order. */
    public List<String> attributes(String name) {
        List<String> out = new ArrayList<>(2);
        for (SdpLine l : lines) {
            if (l.isAttribute(name)) {
                out.add(l.attributeValue());
            }
        }
        return out;
    }

    public boolean hasAttribute(String name) {
        for (SdpLine l : lines) {
            if (l.isAttribute(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a format of the m= line stands for: its {@code a=rtpmap}, else the RFC 3551 static
     * meaning; empty for an unknown dynamic type or a non-numeric format.
     */
    public Optional<RtpMap> rtpMap(String format) {
        int pt = RtpMap.number(format, 127);
        if (pt < 0) {
            return Optional.empty();
        }
        for (SdpLine l : lines) {
            if (l.isAttribute("rtpmap")) {
                RtpMap m = RtpMap.parseOrNull(l.attributeValue());
                if (m != null && m.payloadType() == pt) {
                    return Optional.of(m);
                }
            }
        }
        return RtpMap.staticType(pt);
    }

    /** Every format of the m= line that maps to an encoding, in m= line order. */
    public List<RtpMap> rtpMaps() {
        List<RtpMap> out = new ArrayList<>(formats.size());
        for (String f : formats) {
            rtpMap(f).ifPresent(out::add);
        }
        return out;
    }

    /** The format parameters of {@code a=fmtp:<format> <params>}. */
    public Optional<String> fmtp(String format) {
        for (String v : attributes("fmtp")) {
            int space = v.indexOf(' ');
            if (space > 0 && v.substring(0, space).equals(format)) {
                return Optional.of(v.substring(space + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** The direction attribute of this section, if it has one. */
    public Optional<Direction> direction() {
        for (SdpLine l : lines) {
            Optional<Direction> d = Direction.fromAttribute(l);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** {@code a=ptime} in milliseconds, when present and a whole number. */
    public OptionalInt ptime() {
        for (String v : attributes("ptime")) {
            int n = RtpMap.number(v.trim(), 10_000);
            if (n > 0) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** The RTCP port: {@code a=rtcp} (RFC 3605) when present, else the RTP port plus one. */
    public int rtcpPort() {
        for (String v : attributes("rtcp")) {
            String t = v.trim();
            int space = t.indexOf(' ');
            int n = RtpMap.number(space < 0 ? t : t.substring(0, space), 65535);
            if (n > 0) {
                return n;
            }
        }
        return port + 1;
    }

    /** Whether RTP and RTCP share the port ({@code a=rtcp-mux}, RFC 5761). */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    public MediaDescription withPort(int newPort) {
        return new MediaDescription(media, newPort, portCount, proto, formats, connection, lines);
    }

    public MediaDescription withConnection(Optional<Connection> newConnection) {
        return new MediaDescription(media, port, portCount, proto, formats, newConnection, lines);
    }

    public MediaDescription withFormats(List<String> newFormats) {
        return new MediaDescription(media, port, portCount, proto, newFormats, connection, lines);
    }

    public MediaDescription withLines(List<SdpLine> newLines) {
        return new MediaDescription(media, port, portCount, proto, formats, connection, newLines);
    }

    /** This section with its direction attributes replaced by one {@code a=<direction>}. */
    public MediaDescription withDirection(Direction d) {
        List<SdpLine> out = new ArrayList<>(lines.size() + 1);
        for (SdpLine l : lines) {
            if (Direction.fromAttribute(l).isEmpty()) {
                out.add(l);
            }
        }
        out.add(SdpLine.attribute(d.attributeName()));
        return withLines(out);
    }

    /** The m= line value, as in {@code audio 49170 RTP/AVP 0 8 101}. */
    public String mediaLine() {
        StringBuilder sb = new StringBuilder(32).append(media).append(' ').append(port);
        portCount.ifPresent(n -> sb.append('/').append(n));
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        SessionDescription.appendLine(sb, 'm', mediaLine());
        SessionDescription.appendWithConnection(sb, connection, lines);
    }

    /** Collects a section while the parser reads it. */
    static final class Builder {
        private final String media;
        private final int port;
        private final OptionalInt portCount;
        private final String proto;
        private final List<String> formats;
        Connection connection;
        final List<SdpLine> lines = new ArrayList<>();

        Builder(String media, int port, OptionalInt portCount, String proto, List<String> formats) {
            this.media = media;
            this.port = port;
            this.portCount = portCount;
            this.proto = proto;
            this.formats = formats;
        }

        MediaDescription build() {
            return new MediaDescription(media, port, portCount, proto, formats, Optional.ofNullable(connection), lines);
        }
    }
}
