package io.ramal.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads SDP text (RFC 8866). Lenient where senders commonly slip (LF-only line ends, blank lines,
 * extra spaces between fields, missing t=), strict on what Ramal relies on: v=0 first, one o= and
 * one s=, well-formed c=, m= and rtpmap lines, and a connection address for every active stream.
 */
final class SdpParser {
    private static final int MAX_LENGTH = 64 * 1024;

    private SdpParser() {}

    static SdpParseResult parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return malformed("description longer than " + MAX_LENGTH + " characters");
        }
        List<SdpLine> all = new ArrayList<>(32);
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                return malformed("line " + n + " is not <type>=<value>");
            }
            if (line.indexOf('\r') >= 0) {
                return malformed("line " + n + " holds a bare CR");
            }
            all.add(new SdpLine(line.charAt(0), line.substring(2)));
        }
        if (all.isEmpty() || all.get(0).type() != 'v') {
            return malformed("does not start with v=");
        }
        if (!all.get(0).value().trim().equals("0")) {
            return malformed("unsupported version v=" + all.get(0).value());
        }
        return new Reader(all).read();
    }

    private static SdpParseResult malformed(String reason) {
        return new SdpParseResult.Malformed(reason);
    }

    private static final class Reader {
        private final List<SdpLine> all;
        private Origin origin;
        private String sessionName;
        private Connection connection;
        private final List<SdpLine> sessionLines = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();
        private MediaDescription.Builder current;

        Reader(List<SdpLine> all) {
            this.all = all;
        }

        SdpParseResult read() {
            for (int i = 1; i < all.size(); i++) {
                String problem = accept(all.get(i));
                if (problem != null) {
                    return malformed(problem);
                }
            }
            if (current != null) {
                media.add(current.build());
            }
            if (origin == null) {
                return malformed("missing o= line");
            }
            if (sessionName == null) {
                return malformed("missing s= line");
            }
            for (int i = 0; i < media.size(); i++) {
                MediaDescription m = media.get(i);
                if (!m.isRejected() && m.connection().isEmpty() && connection == null) {
                    return malformed("no connection address for media " + (i + 1));
                }
            }
            return new SdpParseResult.Parsed(new SessionDescription(
                    origin, sessionName, Optional.ofNullable(connection), sessionLines, media));
        }

        private String accept(SdpLine l) {
            return switch (l.type()) {
                case 'v' -> "v= line repeated";
                case 'm' -> startMedia(l.value());
                case 'o' -> current != null || origin != null ? "misplaced o= line" : origin(l.value());
                case 's' -> current != null || sessionName != null ? "misplaced s= line" : name(l.value());
                case 'c' -> connection(l.value());
                case 'a' -> attribute(l);
                default -> add(l);
            };
        }

        private String origin(String value) {
            origin = Origin.parseOrNull(value);
            return origin == null ? "bad o= line: " + value : null;
        }

        private String name(String value) {
            sessionName = value;
            return null;
        }

        private String connection(String value) {
            Connection c = Connection.parseOrNull(value);
            if (c == null) {
                return "bad c= line: " + value;
            }
            if (current == null) {
                if (connection != null) {
                    return "more than one session-level c= line";
                }
                connection = c;
            } else if (current.connection == null) {
                current.connection = c;
            } else {
                current.lines.add(new SdpLine('c', value));
            }
            return null;
        }

        private String attribute(SdpLine l) {
            if (l.isAttribute("rtpmap") && RtpMap.parseOrNull(l.attributeValue()) == null) {
                return "bad rtpmap: " + l.value();
            }
            return add(l);
        }

        private String add(SdpLine l) {
            (current == null ? sessionLines : current.lines).add(l);
            return null;
        }

        private String startMedia(String value) {
            if (current != null) {
                media.add(current.build());
            }
            String[] f = value.trim().split(" +");
            if (f.length < 3) {
                return "bad m= line: " + value;
            }
            String portText = f[1];
            OptionalInt count = OptionalInt.empty();
            int slash = portText.indexOf('/');
            if (slash >= 0) {
                int c = RtpMap.number(portText.substring(slash + 1), 65535);
                if (c <= 0) {
                    return "bad port count in m= line: " + value;
                }
                count = OptionalInt.of(c);
                portText = portText.substring(0, slash);
            }
            int port = RtpMap.number(portText, 65535);
            if (port < 0) {
                return "bad port in m= line: " + value;
            }
            if (f.length == 3 && port != 0) {
                return "m= line without formats: " + value;
            }
            List<String> formats = new ArrayList<>(f.length - 3);
            for (int i = 3; i < f.length; i++) {
                formats.add(f[i]);
            }
            current = new MediaDescription.Builder(f[0], port, count, f[2], formats);
            return null;
        }
    }
}
