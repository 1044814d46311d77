package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class LoginAttemptsTest {

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
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final LoginAttempts attempts = new LoginAttempts(dataSource);

    private LoginAttempt fail(String tenant, String name, Instant at) {
        return attempts.recordFailure(tenant, name, at, at.minus(WINDOW));
    }

    @Test
    void countsFailuresWithinTheWindow() {
        String tenant = RandomTenant.create(dataSource);

        fail(tenant, "alice", NOW);
        fail(tenant, "alice", NOW.plusSeconds(10));
        LoginAttempt third = fail(tenant, "alice", NOW.plusSeconds(20));

        assertThat(third.failures()).isEqualTo(3);
        assertThat(third.windowStartedAt()).isEqualTo(NOW);
        assertThat(attempts.find(tenant, "bob")).isEmpty();
    }

    @Test
    void startsANewWindowAfterTheOldOneLapsed() {
        String tenant = RandomTenant.create(dataSource);
        fail(tenant, "alice", NOW);
        fail(tenant, "alice", NOW.plusSeconds(10));

        LoginAttempt later = fail(tenant, "alice", NOW.plus(WINDOW).plusSeconds(1));

        assertThat(later.failures()).isEqualTo(1);
        assertThat(later.windowStartedAt()).isEqualTo(NOW.plus(WINDOW).plusSeconds(1));
    }

    @Test
    void locksUntilAGivenTimeAndCountsAfresh() {
        String tenant = RandomTenant.create(dataSource);
        fail(tenant, "alice", NOW);

        attempts.lock(tenant, "alice", NOW, NOW.plus(WINDOW));

        LoginAttempt locked = attempts.find(tenant, "alice").orElseThrow();
        assertThat(locked.lockedAt(NOW.plusSeconds(1))).isTrue();
        assertThat(locked.lockedAt(NOW.plus(WINDOW))).isFalse();
        assertThat(locked.failures()).isZero();
    }

    @Test
    void clearingForgetsTheFailures() {
        String tenant = RandomTenant.create(dataSource);
        fail(tenant, "alice", NOW);

        attempts.clear(tenant, "alice");

        assertThat(attempts.find(tenant, "alice")).isEmpty();
    }

    @Test
    void keepsTenantsApart() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        fail(tenant, "alice", NOW);
        fail(tenant, "alice", NOW);

        assertThat(fail(other, "alice", NOW).failures()).isEqualTo(1);
    }

    @Test
    void purgesOldUnlockedCounters() {
        String tenant = RandomTenant.create(dataSource);
        fail(tenant, "old", NOW);
        fail(tenant, "locked", NOW);
        attempts.lock(tenant, "locked", NOW, NOW.plus(Duration.ofHours(2)));

        attempts.purge(NOW.plus(Duration.ofHours(1)));

        assertThat(attempts.find(tenant, "old")).isEmpty();
        assertThat(attempts.find(tenant, "locked")).isPresent();
    }
}
