package io.ramal.api.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names {@link Role}s have on the wire and in the store: {@code admin}, {@code supervisor},
 * {@code agent}, {@code integration}.
 */
public final class Roles {

    private Roles() {}

    public static String wireName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** The role with this wire name, if any (exact, lower-case). */
    public static Optional<Role> fromWireName(String name) {
        for (Role role : Role.values()) {
            if (wireName(role).equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The roles among these names; unknown names (from a newer version, say) are ignored. */
    public static Set<Role> fromWireNames(Collection<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> fromWireName(name).ifPresent(roles::add));
        return Set.copyOf(roles);
    }

    public static Set<String> wireNames(Collection<Role> roles) {
        return roles.stream().map(Roles::wireName).collect(Collectors.toUnmodifiableSet());
    }
}
