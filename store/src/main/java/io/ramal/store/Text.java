package io.ramal.store;

import java.util.Objects;

/** Checks for the text fields of rows. */
final class Text {

    private Text() {}

    static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
