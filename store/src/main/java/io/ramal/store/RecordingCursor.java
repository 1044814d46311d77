package io.ramal.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Position after the last recording of a page, in the listing order (started_at, id) descending.
 * Travels as opaque URL-safe text.
 */
record RecordingCursor(long startedAtMillis, String id) {

    static RecordingCursor after(Recording last) {
        return new RecordingCursor(last.startedAt().toEpochMilli(), last.id());
    }

    String encode() {
        String plain = "r" + startedAtMillis + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link IllegalArgumentException} if the text is not a cursor this class made. */
    static RecordingCursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (!plain.startsWith("r") || colon < 2 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("malformed recordings cursor");
            }
            return new RecordingCursor(Long.parseLong(plain.substring(1, colon)), plain.substring(colon + 1));
        } catch (IllegalArgumentException e) { // also NumberFormatException and bad Base64
            throw new IllegalArgumentException("malformed recordings cursor: " + cursor, e);
        }
    }
}
