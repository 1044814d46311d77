package io.ramal.server.config;

import java.util.Objects;

/**
 * A configuration value that cannot be used. Thrown at startup, before anything listens;
 * the message names the offending key (for example {@code sip.registration.min_expiry})
 * so an operator can fix the file without reading code.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key.isEmpty() ? problem : "config key '" + key + "': " + problem);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The dotted path of the offending key ({@code tenants[0].domains}); empty for whole-file problems. */
    public String key() {
        return key;
    }
}
