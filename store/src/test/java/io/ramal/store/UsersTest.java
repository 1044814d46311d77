package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class UsersTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final Users users = new Users(dataSource);

    @Test
    void storesAndFindsAUserByIdAndByName() {
        String tenant = RandomTenant.create(dataSource);
        User alice = User.create("u1-" + tenant, tenant, "alice", "$2a$10$hash", Set.of("agent", "supervisor"),
                Optional.of("1001"), NOW);

        users.insert(alice);

        assertThat(users.find(tenant, alice.id())).contains(alice);
        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByUsername(tenant, "alice")).contains(alice);
        assertThat(users.list(tenant)).containsExactly(alice);
    }

    @Test
    void usernamesAreUniquePerTenantOnly() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        users.insert(User.create("a-" + tenant, tenant, "alice", "h", Set.of("agent"), Optional.empty(), NOW));

        users.insert(User.create("a-" + other, other, "alice", "h", Set.of("agent"), Optional.empty(), NOW));

        assertThatThrownBy(() -> users.insert(
                User.create("b-" + tenant, tenant, "alice", "h", Set.of("agent"), Optional.empty(), NOW)))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void neverFindsAnotherTenantsUser() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        User alice = RandomUser.create(dataSource, tenant);

        assertThat(users.find(other, alice.id())).isEmpty();
        assertThat(users.findByUsername(other, alice.username())).isEmpty();
        assertThat(users.list(other)).isEmpty();
        assertThat(users.delete(other, alice.id())).isFalse();
        User claimedByOther = new User(alice.id(), other, alice.username(), alice.passwordHash(), alice.roles(),
                alice.extension(), alice.totpSecret(), alice.totpEnabled(), alice.totpLastStep(), true,
                alice.createdAt(), NOW);
        assertThat(users.update(claimedByOther)).isFalse();
        assertThat(users.find(tenant, alice.id())).contains(alice);
    }

    @Test
    void updatesChangeableFields() {
        String tenant = RandomTenant.create(dataSource);
        User user = RandomUser.create(dataSource, tenant);
        Instant later = NOW.plusSeconds(60);

        User changed = user.withPasswordHash("$2a$10$other", later)
                .withRoles(Set.of("admin"), later)
                .withExtension(Optional.of("1002"), later)
                .withDisabled(true, later)
                .withTotp(Optional.of("JBSWY3DPEHPK3PXP"), true, later);

        assertThat(users.update(changed)).isTrue();
        assertThat(users.find(tenant, user.id())).contains(changed);
    }

    @Test
    void acceptsEachTotpStepOnceAndNeverAnEarlierOne() {
        String tenant = RandomTenant.create(dataSource);
        User user = RandomUser.create(dataSource, tenant);
        users.update(user.withTotp(Optional.of("JBSWY3DPEHPK3PXP"), true, NOW));

        assertThat(users.acceptTotpStep(user.id(), 100)).isTrue();
        assertThat(users.acceptTotpStep(user.id(), 100)).isFalse();
        assertThat(users.acceptTotpStep(user.id(), 99)).isFalse();
        assertThat(users.acceptTotpStep(user.id(), 101)).isTrue();
        assertThat(users.findById(user.id()).orElseThrow().totpLastStep()).contains(101L);
    }

    @Test
    void removingTheTotpSecretForgetsTheLastStep() {
        String tenant = RandomTenant.create(dataSource);
        User user = RandomUser.create(dataSource, tenant);
        User enrolled = user.withTotp(Optional.of("JBSWY3DPEHPK3PXP"), true, NOW);
        users.update(enrolled);
        users.acceptTotpStep(user.id(), 100);

        users.update(users.findById(user.id()).orElseThrow().withTotp(Optional.empty(), false, NOW));

        User stored = users.findById(user.id()).orElseThrow();
        assertThat(stored.totpSecret()).isEmpty();
        assertThat(stored.totpLastStep()).isEmpty();
    }

    @Test
    void toStringShowsNeitherHashNorSecret() {
        User user = User.create("u", "t", "alice", "$2a$10$secrethash", Set.of("agent"), Optional.empty(), NOW)
                .withTotp(Optional.of("JBSWY3DPEHPK3PXP"), false, NOW);

        assertThat(user.toString()).doesNotContain("secrethash").doesNotContain("JBSWY3DPEHPK3PXP");
    }

    @Test
    void deletingTheTenantDeletesItsUsers() {
        String tenant = RandomTenant.create(dataSource);
        User user = RandomUser.create(dataSource, tenant);

        new Tenants(dataSource).delete(tenant);

        assertThat(users.findById(user.id())).isEmpty();
    }
}
