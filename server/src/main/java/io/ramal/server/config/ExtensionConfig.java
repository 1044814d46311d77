package io.ramal.server.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** An extension to provision: its number is also its SIP user name and digest user. */
public record ExtensionConfig(String number, String name, String password) {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");

    public ExtensionConfig {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("extension number must be 1 to 20 digits, got '" + number + "'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("extension " + number + " has an empty password");
        }
    }

    @Override
    public String toString() {
        return "ExtensionConfig[number=" + number + ", name=" + name + ", password=***]";
    }
}
