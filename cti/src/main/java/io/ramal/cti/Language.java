package io.ramal.cti;

import java.util.Locale;

/**
 * A language Ramal speaks to callers in (a queue's spoken positions): English, Brazilian Portuguese
 * or Latin American Spanish. On the wire by its ISO 639-1 code.
 */
public enum Language {
    EN,
    PT,
    ES;

    /** {@code en}, {@code pt} or {@code es}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The language of code {@code text} ({@code en}, {@code pt} or {@code es}). */
    public static Language fromWire(String text) {
        for (Language language : values()) {
            if (language.wire().equals(text)) {
                return language;
            }
        }
        throw new IllegalArgumentException("language must be en, pt or es, got " + text);
    }
}
