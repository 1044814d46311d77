package io.ramal.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole session description (RFC 8866). {@code lines} holds the session-level lines other than
 * v=, o=, s= and c=, in the order received (t=, b=, attributes, unknown types...). {@link
 * #toString()} writes CRLF text that {@link #parse(String)} reads back to an equal value.
 */
public record SessionDescription(
        Origin origin,
        String sessionName,
        Optional<Connection> connection,
        List<SdpLine> lines,
        List<MediaDescription> media) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(connection, "connection");
        if (sessionName.indexOf('\r') >= 0 || sessionName.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("session name holds a line break");
        }
        lines = List.copyOf(lines);
        media = List.copyOf(media);
    }

    /** Reads a description; never throws for bad input, answers a {@link SdpParseResult.Malformed}. */
    public static SdpParseResult parse(String text) {
        return SdpParser.parse(text);
    }

    /** Reads a UTF-8 body. */
    public static SdpParseResult parse(byte[] body) {
        return SdpParser.parse(new String(body, StandardCharsets.UTF_8));
    }

    /** The session-level direction attribute, if any. */
    public Optional<Direction> direction() {
        for (SdpLine l : lines) {
            Optional<Direction> d = Direction.fromAttribute(l);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** A stream's direction: its own attribute, else the session's, else sendrecv. */
    public Direction directionOf(MediaDescription m) {
        return m.direction().or(this::direction).orElse(Direction.SENDRECV);
    }

    /** A stream's connection address: its own c= line, else the session's. */
    public Optional<Connection> connectionOf(MediaDescription m) {
        return m.connection().or(() -> connection);
    }

    public SessionDescription withOrigin(Origin newOrigin) {
        return new SessionDescription(newOrigin, sessionName, connection, lines, media);
    }

    public SessionDescription withConnection(Optional<Connection> newConnection) {
        return new SessionDescription(origin, sessionName, newConnection, lines, media);
    }

    public SessionDescription withLines(List<SdpLine> newLines) {
        return new SessionDescription(origin, sessionName, connection, newLines, media);
    }

    public SessionDescription withMedia(List<MediaDescription> newMedia) {
        return new SessionDescription(origin, sessionName, connection, lines, newMedia);
    }

    /** The text, UTF-8 encoded, for a message body. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256);
        appendLine(sb, 'v', "0");
        appendLine(sb, 'o', origin.toString());
        appendLine(sb, 's', sessionName);
        appendWithConnection(sb, connection, lines);
        for (MediaDescription m : media) {
            m.appendTo(sb);
        }
        return sb.toString();
    }

    static void appendLine(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append("\r\n");
    }

    /** Writes lines with c= placed where RFC 8866 wants it: after any i=, u=, e=, p= lines. */
    static void appendWithConnection(StringBuilder sb, Optional<Connection> c, List<SdpLine> lines) {
        boolean written = c.isEmpty();
        for (SdpLine l : lines) {
            if (!written && !precedesConnection(l.type())) {
                appendLine(sb, 'c', c.get().toString());
                written = true;
            }
            appendLine(sb, l.type(), l.value());
        }
        if (!written) {
            appendLine(sb, 'c', c.get().toString());
        }
    }

    private static boolean precedesConnection(char type) {
        return type == 'i' || type == 'u' || type == 'e' || type == 'p';
    }

    /** Lines of a list with every attribute named in {@code names} removed. */
    static List<SdpLine> without(List<SdpLine> lines, List<String> names) {
        List<SdpLine> out = new ArrayList<>(lines.size());
        for (SdpLine l : lines) {
            boolean drop = false;
            for (String n : names) {
                drop |= l.isAttribute(n);
            }
            if (!drop) {
                out.add(l);
            }
        }
        return out;
    }
}
