package io.ramal.media.dtmf;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads DTMF carried in SIP INFO bodies: {@code application/dtmf-relay} ({@code Signal=5} and
 * {@code Duration=160} in milliseconds, one per line) and {@code application/dtmf} (the key
 * alone). Keys may be given as characters or as RFC 4733 event numbers (10 for {@code *}).
 * Without a duration the press counts as {@value #DEFAULT_MILLIS} ms.
 */
public final class DtmfInfo {
    public static final int DEFAULT_MILLIS = 250;
    private static final int MAX_BODY = 1024;

    /** The outcome: a digit, or why the body is not one. */
    public sealed interface Result {}

    public record Parsed(DtmfDigit digit) implements Result {}

    public record Unrecognized(String reason) implements Result {}

    private DtmfInfo() {}

    /** Whether a Content-Type (parameters allowed) is one of the two DTMF bodies. */
    public static boolean isDtmf(String contentType) {
        String t = mediaType(contentType);
        return t.equals("application/dtmf-relay") || t.equals("application/dtmf");
    }

    public static Result parse(String contentType, String body) {
        if (body.length() > MAX_BODY) {
            return new Unrecognized("body too long");
        }
        return switch (mediaType(contentType)) {
            case "application/dtmf-relay" -> relay(body);
            case "application/dtmf" -> key(body.trim(), DEFAULT_MILLIS);
            default -> new Unrecognized("not a DTMF content type: " + contentType);
        };
    }

    private static Result relay(String body) {
        String signal = null;
        long millis = DEFAULT_MILLIS;
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            if (name.equals("signal")) {
                signal = value;
            } else if (name.equals("duration")) {
                try {
                    millis = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new Unrecognized("bad Duration: " + value);
                }
                if (millis < 0 || millis > 60_000) {
                    return new Unrecognized("Duration out of range: " + value);
                }
            }
        }
        if (signal == null) {
            return new Unrecognized("no Signal line");
        }
        return key(signal, millis);
    }

    private static Result key(String text, long millis) {
        if (text.length() == 1) {
            char c = Character.toUpperCase(text.charAt(0));
            if (DtmfDigit.isDigit(c)) {
                return new Parsed(new DtmfDigit(c, Duration.ofMillis(millis)));
            }
        } else if (text.length() == 2 && Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(1))) {
            int event = Integer.parseInt(text);
            if (DtmfDigit.isDigitEvent(event)) {
                return new Parsed(new DtmfDigit(DtmfDigit.digitOf(event), Duration.ofMillis(millis)));
            }
        }
        return new Unrecognized("not a DTMF key: " + text);
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
