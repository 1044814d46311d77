package io.ramal.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.Users;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoUsersTest {

    private final AuthServer server = new AuthServer(); // seeds the demo users once

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void seedsFourUsersWithTheirRolesAndExtensions() {
        for (DemoUsers.Seed seed : DemoUsers.SEEDS) {
            String token = server.accessToken(seed.username(), "demo", seed.password());
            ApiClient.Response me = server.client.get(UserRoutes.ME, token);
            assertThat(me.json().path("roles").get(0).asText()).isEqualTo(Roles.wireName(seed.role()));
            assertThat(me.json().path("extension").isMissingNode() ? null : me.text("extension"))
                    .isEqualTo(seed.extension().orElse(null));
        }
    }

    @Test
    void seedingAgainAddsNothingAndKeepsChangedPasswords() {
        Users users = new Users(server.dataSource);
        var alice = users.findByUsername("demo", "alice").orElseThrow();
        users.update(alice.withPasswordHash(server.api.passwords().hash("changed-password"), Instant.now()));

        assertThat(server.api.demoUsers().seed()).isZero();

        assertThat(users.list("demo")).hasSize(4);
        assertThat(server.login("alice", "demo", "changed-password").status()).isEqualTo(200);
    }

    @Test
    void needsTheDemoTenantFirst() {
        try (ScratchDatabase empty = ScratchDatabase.sqlite()) {
            DemoUsers demo = new DemoUsers(empty.open().dataSource(), server.api.passwords(), server.clock);
            assertThatThrownBy(demo::seed).isInstanceOf(IllegalStateException.class);
        }
    }
}
