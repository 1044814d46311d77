package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionTest {

    private static Principal user(Role... roles) {
        return new Principal("demo", "u", "u", Set.of(roles), Set.of(), Optional.empty(), Principal.Kind.ACCESS_TOKEN);
    }

    private static Principal key(String... scopes) {
        return new Principal("demo", "u", "u", Set.of(), Set.of(scopes), Optional.empty(), Principal.Kind.API_KEY);
    }

    @Test
    void usersNeedOneOfTheRoles() {
        assertThat(Permission.ADMIN.allows(user(Role.ADMIN))).isTrue();
        assertThat(Permission.ADMIN.allows(user(Role.SUPERVISOR, Role.AGENT))).isFalse();
        assertThat(Permission.EVENTS_READ.allows(user(Role.AGENT))).isTrue();
    }

    @Test
    void apiKeysNeedTheScopeOrAdmin() {
        assertThat(Permission.EVENTS_READ.allows(key("events:read"))).isTrue();
        assertThat(Permission.EVENTS_READ.allows(key("calls:read"))).isFalse();
        assertThat(Permission.ADMIN.allows(key("events:read", "calls:write"))).isFalse();
        assertThat(Permission.CALLS_WRITE.allows(key("admin"))).isTrue();
    }

    @Test
    void anApiKeyNeverPassesOnRolesAlone() {
        Principal keyWithRoleSmuggled = new Principal("demo", "u", "u", Set.of(Role.ADMIN), Set.of(), Optional.empty(),
                Principal.Kind.API_KEY);
        assertThat(Permission.ADMIN.allows(keyWithRoleSmuggled)).isFalse();
    }
}
