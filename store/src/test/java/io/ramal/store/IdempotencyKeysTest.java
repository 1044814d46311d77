package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
class IdempotencyKeysTest {

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
    private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));
    private static final IdempotencyRecord.Answer ACCEPTED =
            new IdempotencyRecord.Answer(202, "application/json", "{\"call_id\":\"c1\"}", Optional.of("/api/v1/calls/c1"));

    private final IdempotencyKeys keys = new IdempotencyKeys(dataSource);

    @Test
    void onlyOneOfConcurrentRequestsClaimsAKey() throws Exception {
        String tenant = RandomTenant.create(dataSource);
        List<Callable<Boolean>> racers =
                Collections.nCopies(6, () -> keys.claim(tenant, "user-1", "k1", "fp", NOW, TOMORROW));

        List<Boolean> won = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                won.add(result.get());
            }
        }

        assertThat(won).containsOnlyOnce(true);
    }

    @Test
    void keepsTheAnswerOfTheClaimingRequest() {
        String tenant = RandomTenant.create(dataSource);
        keys.claim(tenant, "user-1", "k1", "fp", NOW, TOMORROW);
        assertThat(keys.find(tenant, "user-1", "k1").orElseThrow().answer()).isEmpty();

        keys.complete(tenant, "user-1", "k1", ACCEPTED);

        IdempotencyRecord stored = keys.find(tenant, "user-1", "k1").orElseThrow();
        assertThat(stored.fingerprint()).isEqualTo("fp");
        assertThat(stored.answer()).contains(ACCEPTED);
    }

    @Test
    void theSameKeyOfAnotherCallerOrTenantIsAnotherKey() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);

        assertThat(keys.claim(tenant, "user-1", "k1", "fp", NOW, TOMORROW)).isTrue();
        assertThat(keys.claim(tenant, "user-2", "k1", "fp", NOW, TOMORROW)).isTrue();
        assertThat(keys.claim(other, "user-1", "k1", "fp", NOW, TOMORROW)).isTrue();
        assertThat(keys.claim(tenant, "user-1", "k1", "fp", NOW, TOMORROW)).isFalse();
    }

    @Test
    void aReleasedClaimCanBeClaimedAgainButAnAnsweredOneCannot() {
        String tenant = RandomTenant.create(dataSource);
        keys.claim(tenant, "user-1", "failed", "fp", NOW, TOMORROW);
        keys.claim(tenant, "user-1", "answered", "fp", NOW, TOMORROW);
        keys.complete(tenant, "user-1", "answered", ACCEPTED);

        keys.release(tenant, "user-1", "failed");
        keys.release(tenant, "user-1", "answered");

        assertThat(keys.claim(tenant, "user-1", "failed", "fp", NOW, TOMORROW)).isTrue();
        assertThat(keys.claim(tenant, "user-1", "answered", "fp", NOW, TOMORROW)).isFalse();
    }

    @Test
    void anExpiredKeyIsClaimedAfreshAndPurged() {
        String tenant = RandomTenant.create(dataSource);
        keys.claim(tenant, "user-1", "old", "fp-1", NOW, TOMORROW);
        keys.complete(tenant, "user-1", "old", ACCEPTED);
        keys.claim(tenant, "user-1", "purged", "fp-1", NOW, TOMORROW);

        assertThat(keys.claim(tenant, "user-1", "old", "fp-2", TOMORROW, TOMORROW.plus(Duration.ofDays(1)))).isTrue();
        assertThat(keys.find(tenant, "user-1", "old").orElseThrow().fingerprint()).isEqualTo("fp-2");

        assertThat(keys.purgeExpired(TOMORROW)).isGreaterThanOrEqualTo(1);
        assertThat(keys.find(tenant, "user-1", "purged")).isEmpty();
        assertThat(keys.find(tenant, "user-1", "old")).isPresent();
    }
}
