package io.ramal.api.tenants;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server operator's credential, as the config file lists it: a name (for logs) and the SHA-256
 * of the key, hex. The key itself is never stored anywhere Ramal reads; the operator sends it as
 * {@code Authorization: Bearer <key>}. Generate one with {@code openssl rand -base64 32} and list
 * {@code printf %s "$KEY" | sha256sum}.
 */
public record OperatorKey(String name, String sha256) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public OperatorKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("operator name must be 1 to 64 of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        sha256 = sha256.strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("operator " + name + " key_sha256 must be 64 hex digits (the SHA-256 of the key)");
        }
    }

    @Override
    public String toString() {
        return "OperatorKey[" + name + "]";
    }
}
