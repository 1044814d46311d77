package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class ApiKeysTest {

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
    private final ApiKeys keys = new ApiKeys(dataSource);

    private ApiKey create(User owner, Optional<Instant> expiresAt) {
        ApiKey key = ApiKey.create("k" + UUID.randomUUID().toString().replace("-", ""), owner.tenantId(), owner.id(),
                "crm", "secret-digest", Set.of("events:read", "calls:read"), NOW, expiresAt);
        keys.insert(key);
        return key;
    }

    @Test
    void storesAKeyAndFindsItInItsTenantOnly() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        ApiKey key = create(RandomUser.create(dataSource, tenant), Optional.of(NOW.plus(Duration.ofDays(7))));

        assertThat(keys.find(tenant, key.id())).contains(key);
        assertThat(keys.findById(key.id())).contains(key);
        assertThat(keys.list(tenant)).containsExactly(key);
        assertThat(keys.find(other, key.id())).isEmpty();
        assertThat(keys.list(other)).isEmpty();
        assertThat(keys.revoke(other, key.id(), NOW)).isFalse();
    }

    @Test
    void revokesOnce() {
        String tenant = RandomTenant.create(dataSource);
        ApiKey key = create(RandomUser.create(dataSource, tenant), Optional.empty());

        assertThat(keys.revoke(tenant, key.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(keys.revoke(tenant, key.id(), NOW.plusSeconds(2))).isFalse();
        assertThat(keys.find(tenant, key.id()).orElseThrow().revokedAt()).contains(NOW.plusSeconds(1));
    }

    @Test
    void recordsLastUseAtMostOncePerResolution() {
        String tenant = RandomTenant.create(dataSource);
        ApiKey key = create(RandomUser.create(dataSource, tenant), Optional.empty());
        Duration resolution = Duration.ofMinutes(1);

        keys.touch(key.id(), NOW, resolution);
        keys.touch(key.id(), NOW.plusSeconds(30), resolution);
        assertThat(keys.findById(key.id()).orElseThrow().lastUsedAt()).contains(NOW);

        keys.touch(key.id(), NOW.plusSeconds(61), resolution);
        assertThat(keys.findById(key.id()).orElseThrow().lastUsedAt()).contains(NOW.plusSeconds(61));
    }

    @Test
    void deletingTheOwnerDeletesItsKeys() {
        String tenant = RandomTenant.create(dataSource);
        User owner = RandomUser.create(dataSource, tenant);
        ApiKey key = create(owner, Optional.empty());

        new Users(dataSource).delete(tenant, owner.id());

        assertThat(keys.findById(key.id())).isEmpty();
    }

    @Test
    void toStringLeavesOutTheSecretDigest() {
        ApiKey key = ApiKey.create("k1", "t", "u", "crm", "digest-of-secret", Set.of("admin"), NOW, Optional.empty());

        assertThat(key.toString()).doesNotContain("digest-of-secret");
    }
}
