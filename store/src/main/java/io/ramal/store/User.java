package io.ramal.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A person or integration that may use the API of one tenant. The password is kept only as a
 * bcrypt hash; {@link #toString()} shows neither the hash nor the TOTP secret.
 *
 * @param username     unique within the tenant
 * @param roles        role names ({@code admin}, {@code supervisor}, {@code agent}, {@code integration})
 * @param extension    the extension the user is bound to, if any
 * @param totpSecret   the base32 TOTP secret, once enrolment started
 * @param totpEnabled  whether logins need the second factor (enrolment confirmed)
 * @param totpLastStep the last TOTP time step whose code was accepted (codes are single use)
 */
public record User(
        String id,
        String tenantId,
        String username,
        String passwordHash,
        Set<String> roles,
        Optional<String> extension,
        Optional<String> totpSecret,
        boolean totpEnabled,
        Optional<Long> totpLastStep,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt) {

    public User {
        Text.requireNonBlank(id, "id");
        Text.requireNonBlank(tenantId, "tenantId");
        Text.requireNonBlank(username, "username");
        Text.requireNonBlank(passwordHash, "passwordHash");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(totpSecret, "totpSecret");
        Objects.requireNonNull(totpLastStep, "totpLastStep");
        if (totpEnabled && totpSecret.isEmpty()) {
            throw new IllegalArgumentException("TOTP cannot be enabled without a secret");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new enabled user without second factor. */
    public static User create(
            String id, String tenantId, String username, String passwordHash, Set<String> roles,
            Optional<String> extension, Instant now) {
        return new User(id, tenantId, username, passwordHash, roles, extension, Optional.empty(), false,
                Optional.empty(), false, now, now);
    }

    public User withPasswordHash(String newHash, Instant now) {
        return new User(id, tenantId, username, newHash, roles, extension, totpSecret, totpEnabled, totpLastStep,
                disabled, createdAt, now);
    }

    public User withRoles(Set<String> newRoles, Instant now) {
        return new User(id, tenantId, username, passwordHash, newRoles, extension, totpSecret, totpEnabled,
                totpLastStep, disabled, createdAt, now);
    }

    public User withExtension(Optional<String> newExtension, Instant now) {
        return new User(id, tenantId, username, passwordHash, roles, newExtension, totpSecret, totpEnabled,
                totpLastStep, disabled, createdAt, now);
    }

    public User withDisabled(boolean newDisabled, Instant now) {
        return new User(id, tenantId, username, passwordHash, roles, extension, totpSecret, totpEnabled,
                totpLastStep, newDisabled, createdAt, now);
    }

    /** Second factor state: a pending or enabled secret, or none (then not enabled). */
    public User withTotp(Optional<String> secret, boolean enabled, Instant now) {
        return new User(id, tenantId, username, passwordHash, roles, extension, secret, enabled,
                secret.isEmpty() ? Optional.empty() : totpLastStep, disabled, createdAt, now);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", tenantId=" + tenantId + ", username=" + username + ", roles=" + roles
                + ", extension=" + extension + ", totpEnabled=" + totpEnabled + ", disabled=" + disabled + "]";
    }
}
