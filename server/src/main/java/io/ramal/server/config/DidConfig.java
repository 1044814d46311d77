package io.ramal.server.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** An inbound number (DID) that rings an extension of the same tenant. */
public record DidConfig(String number, String extension) {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");

    public DidConfig {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(extension, "extension");
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("DID number must be digits with an optional leading +, got '" + number + "'");
        }
    }
}
