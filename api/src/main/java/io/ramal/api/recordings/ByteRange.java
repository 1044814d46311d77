package io.ramal.api.recordings;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header (RFC 9110 §14.2) asks of a representation of known size. One byte
 * range is served as asked; a header in another unit, or asking for several ranges, is ignored
 * (the whole file is sent, which the RFC allows); a byte range that cannot be parsed or lies
 * beyond the end cannot be satisfied (416).
 */
sealed interface ByteRange {
    /** Send everything (200). */
    record Whole() implements ByteRange {}

    /** Send bytes {@code first..last}, both included (206). */
    record Part(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    /** Cannot be served (416 with {@code Content-Range: bytes *}/size). */
    record Unsatisfiable(String why) implements ByteRange {}

    Pattern SPEC = Pattern.compile("\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*");

    static ByteRange of(Optional<String> header, long size) {
        if (header.isEmpty() || header.get().isBlank()) {
            return new Whole();
        }
        String text = header.get().strip();
        int equals = text.indexOf('=');
        if (equals < 0 || !text.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String spec = text.substring(equals + 1);
        if (spec.contains(",")) {
            return new Whole();
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new Unsatisfiable("malformed byte range '" + spec.strip() + "'");
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable("an empty suffix range of a " + size + "-byte file");
            }
            return new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
        if (first > last && !m.group(2).isEmpty()) {
            return new Unsatisfiable("byte range " + first + "-" + last + " ends before it starts");
        }
        if (first >= size) {
            return new Unsatisfiable("byte " + first + " is past the end of a " + size + "-byte file");
        }
        return new Part(first, Math.min(last, size - 1));
    }
}
