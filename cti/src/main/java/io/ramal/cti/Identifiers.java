package io.ramal.cti;

import java.util.Objects;
import java.util.Optional;

/** Checks for the identifiers and numbers of the CTI model: present and not blank. */
public final class Identifiers {
    private Identifiers() {}

    /** Returns {@code value}, refusing null and blank text; {@code what} names it in the message. */
    public static String nonBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** As {@link #nonBlank(String, String)} for an optional value: empty is allowed, blank is not. */
    public static Optional<String> nonBlank(Optional<String> value, String what) {
        Objects.requireNonNull(value, what).ifPresent(v -> nonBlank(v, what));
        return value;
    }
}
