package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class RefreshTokensTest {

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
    private final RefreshTokens tokens = new RefreshTokens(dataSource);

    private RefreshToken issue(User user, String family) {
        RefreshToken token = RefreshToken.issue("h-" + UUID.randomUUID(), family, user.tenantId(), user.id(), "web",
                NOW, NOW.plus(Duration.ofDays(30)));
        tokens.insert(token);
        return token;
    }

    @Test
    void rotatesATokenExactlyOnce() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        RefreshToken token = issue(user, "f-" + UUID.randomUUID());

        assertThat(tokens.rotate(token.tokenHash(), NOW.plusSeconds(1))).isTrue();
        assertThat(tokens.rotate(token.tokenHash(), NOW.plusSeconds(2))).isFalse();

        RefreshToken stored = tokens.find(token.tokenHash()).orElseThrow();
        assertThat(stored.rotatedAt()).contains(NOW.plusSeconds(1));
        assertThat(stored.isActive(NOW.plusSeconds(3))).isFalse();
    }

    @Test
    void onlyOneOfConcurrentExchangesRotatesAToken() throws Exception {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        RefreshToken token = issue(user, "f-" + UUID.randomUUID());
        List<Callable<Boolean>> racers = Collections.nCopies(6, () -> tokens.rotate(token.tokenHash(), NOW));

        List<Boolean> won = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                won.add(result.get());
            }
        }

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void doesNotRotateAnExpiredOrRevokedToken() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        RefreshToken expiring = issue(user, "f-" + UUID.randomUUID());
        RefreshToken revoked = issue(user, "f-" + UUID.randomUUID());
        tokens.revokeFamily(revoked.familyId(), NOW);

        assertThat(tokens.rotate(expiring.tokenHash(), expiring.expiresAt())).isFalse();
        assertThat(tokens.rotate(revoked.tokenHash(), NOW.plusSeconds(1))).isFalse();
    }

    @Test
    void revokesAWholeFamilyButNoOther() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        String family = "f-" + UUID.randomUUID();
        RefreshToken first = issue(user, family);
        RefreshToken second = issue(user, family);
        RefreshToken otherSession = issue(user, "f-" + UUID.randomUUID());

        assertThat(tokens.revokeFamily(family, NOW.plusSeconds(5))).isEqualTo(2);

        assertThat(tokens.find(first.tokenHash()).orElseThrow().revokedAt()).contains(NOW.plusSeconds(5));
        assertThat(tokens.find(second.tokenHash()).orElseThrow().revokedAt()).isPresent();
        assertThat(tokens.find(otherSession.tokenHash()).orElseThrow().isActive(NOW.plusSeconds(5))).isTrue();
    }

    @Test
    void revokesEveryTokenOfAUser() {
        String tenant = RandomTenant.create(dataSource);
        User user = RandomUser.create(dataSource, tenant);
        User other = RandomUser.create(dataSource, tenant);
        issue(user, "f-" + UUID.randomUUID());
        issue(user, "f-" + UUID.randomUUID());
        RefreshToken kept = issue(other, "f-" + UUID.randomUUID());

        assertThat(tokens.revokeUser(user.id(), NOW)).isEqualTo(2);
        assertThat(tokens.find(kept.tokenHash()).orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void purgesExpiredTokens() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        RefreshToken token = issue(user, "f-" + UUID.randomUUID());

        tokens.purgeExpired(token.expiresAt().plusMillis(1));

        assertThat(tokens.find(token.tokenHash())).isEmpty();
    }
}
