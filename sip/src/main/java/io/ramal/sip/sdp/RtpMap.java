package io.ramal.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * What an RTP payload type number stands for, as in {@code a=rtpmap:101 telephone-event/8000}
 * (RFC 8866 §6.6), or as fixed by RFC 3551 for the static numbers. Encoding names compare
 * ignoring ASCII case.
 */
public record RtpMap(int payloadType, String encoding, int clockRate, Optional<String> parameters) {

    public static final RtpMap PCMU = new RtpMap(0, "PCMU", 8000, Optional.empty());
    public static final RtpMap PCMA = new RtpMap(8, "PCMA", 8000, Optional.empty());
    public static final RtpMap CN = new RtpMap(13, "CN", 8000, Optional.empty());
    public static final String TELEPHONE_EVENT = "telephone-event";

    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        Objects.requireNonNull(encoding, "encoding");
        if (encoding.isEmpty() || encoding.indexOf(' ') >= 0 || encoding.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bad encoding name: " + encoding);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        Objects.requireNonNull(parameters, "parameters");
    }

    public static RtpMap of(int payloadType, String encoding, int clockRate) {
        return new RtpMap(payloadType, encoding, clockRate, Optional.empty());
    }

    /** {@code telephone-event/8000} (RFC 4733) under a dynamic payload type. */
    public static RtpMap telephoneEvent(int payloadType) {
        return of(payloadType, TELEPHONE_EVENT, 8000);
    }

    /** The RFC 3551 meaning of a static payload type that needs no rtpmap line. */
    public static Optional<RtpMap> staticType(int payloadType) {
        return Optional.ofNullable(switch (payloadType) {
            case 0 -> PCMU;
            case 3 -> of(3, "GSM", 8000);
            case 4 -> of(4, "G723", 8000);
            case 8 -> PCMA;
            case 9 -> of(9, "G722", 8000);
            case 13 -> CN;
            case 18 -> of(18, "G729", 8000);
            default -> null;
        });
    }

    /** Reads the value of an rtpmap attribute ({@code 0 PCMU/8000}); {@code null} if malformed. */
    static RtpMap parseOrNull(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        int pt = number(v.substring(0, space), 127);
        String[] parts = v.substring(space + 1).trim().split("/", 3);
        if (pt < 0 || parts.length < 2 || parts[0].isEmpty() || parts[0].indexOf(' ') >= 0) {
            return null;
        }
        int rate = number(parts[1], Integer.MAX_VALUE);
        if (rate <= 0) {
            return null;
        }
        return new RtpMap(pt, parts[0], rate, parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    static int number(String s, int max) {
        if (s.isEmpty() || s.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n > max ? -1 : (int) n;
    }

    /** Same encoding (ignoring case) and clock rate, whatever the payload type numbers. */
    public boolean sameFormat(RtpMap other) {
        return encoding.equalsIgnoreCase(other.encoding) && clockRate == other.clockRate;
    }

    /** This format under another payload type number. */
    public RtpMap withPayloadType(int pt) {
        return new RtpMap(pt, encoding, clockRate, parameters);
    }

    /** The attribute value, as in {@code 0 PCMU/8000}. */
    @Override
    public String toString() {
        return payloadType + " " + encoding + "/" + clockRate + parameters.map(p -> "/" + p).orElse("");
    }
}
