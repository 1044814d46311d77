package io.ramal.api.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name a login gives, split into user and tenant. A login names its tenant with the
 * {@code tenant} field, or as {@code user@tenant} where {@code tenant} is a tenant id or one of
 * the tenant's SIP domains; the field wins when both are given. Usernames are case-insensitive
 * (kept lower-case) and never contain {@code @}.
 */
public record LoginName(String username, Optional<String> tenant) {

    /** What a username may look like: lower-case letters, digits, {@code . _ -}, up to 64 characters. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public LoginName {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenant, "tenant");
    }

    /** Splits {@code user@tenant} unless {@code tenantField} names the tenant. */
    public static LoginName parse(String usernameField, Optional<String> tenantField) {
        String name = usernameField.strip();
        Optional<String> tenant = tenantField.map(String::strip).filter(t -> !t.isEmpty());
        int at = name.lastIndexOf('@');
        if (at >= 0) {
            if (tenant.isEmpty()) {
                tenant = Optional.of(name.substring(at + 1)).filter(t -> !t.isEmpty());
            }
            name = name.substring(0, at);
        }
        return new LoginName(normalize(name), tenant);
    }

    /** A username as stored: stripped and lower-case. */
    public static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
