package io.ramal.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Position after the last record of a page, in the listing order (started_at, id) descending.
 * Travels as opaque URL-safe text.
 */
record CdrCursor(long startedAtMillis, String id) {

    static CdrCursor after(CallRecord last) {
        return new CdrCursor(last.startedAt().toEpochMilli(), last.id());
    }

    String encode() {
        String plain = startedAtMillis + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link IllegalArgumentException} if the text is not a cursor this class made. */
    static CdrCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("malformed CDR cursor");
            }
            return new CdrCursor(Long.parseLong(plain.substring(0, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException e) { // also NumberFormatException and bad Base64
            throw new IllegalArgumentException("malformed CDR cursor: " + cursor, e);
        }
    }
}
