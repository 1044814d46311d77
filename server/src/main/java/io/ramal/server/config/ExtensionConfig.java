package io.ramal.server.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An extension to provision: its number is also its SIP user name and digest user; {@code record}
 * is its own recording policy (empty: its tenant's).
 */
public record ExtensionConfig(String number, String name, String password, Optional<RecordPolicy> record) {
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");

    /** An extension following its tenant's recording policy. */
    public ExtensionConfig(String number, String name, String password) {
        this(number, name, password, Optional.empty());
    }

    public ExtensionConfig withRecord(RecordPolicy policy) {
        return new ExtensionConfig(number, name, password, Optional.of(policy));
    }

    public ExtensionConfig {
        Objects.requireNonNull(record, "record");
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
        return "ExtensionConfig[number=" + number + ", name=" + name + ", password=***"
                + record.map(r -> ", record=" + r.configName()).orElse("") + "]";
    }
}
