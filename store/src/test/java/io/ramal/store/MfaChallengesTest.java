package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
class MfaChallengesTest {

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
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(5));
    private final MfaChallenges challenges = new MfaChallenges(dataSource);
    private final RecoveryCodes recoveryCodes = new RecoveryCodes(dataSource);

    private MfaChallenge open() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        MfaChallenge challenge = MfaChallenge.open("n-" + UUID.randomUUID(), user.tenantId(), user.id(), "web", NOW,
                EXPIRES);
        challenges.insert(challenge);
        return challenge;
    }

    @Test
    void countsAttemptsUpToTheLimit() {
        MfaChallenge challenge = open();

        assertThat(challenges.countAttempt(challenge.nonceHash(), NOW, 2)).isTrue();
        assertThat(challenges.countAttempt(challenge.nonceHash(), NOW, 2)).isTrue();
        assertThat(challenges.countAttempt(challenge.nonceHash(), NOW, 2)).isFalse();
        assertThat(challenges.find(challenge.nonceHash()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void completesOnceAndOnlyBeforeExpiry() {
        MfaChallenge challenge = open();
        MfaChallenge late = open();

        assertThat(challenges.complete(challenge.nonceHash(), NOW.plusSeconds(1))).isTrue();
        assertThat(challenges.complete(challenge.nonceHash(), NOW.plusSeconds(2))).isFalse();
        assertThat(challenges.countAttempt(challenge.nonceHash(), NOW.plusSeconds(3), 5)).isFalse();
        assertThat(challenges.complete(late.nonceHash(), EXPIRES)).isFalse();
        assertThat(challenges.countAttempt(late.nonceHash(), EXPIRES, 5)).isFalse();
    }

    @Test
    void purgesExpiredChallenges() {
        MfaChallenge challenge = open();

        challenges.purgeExpired(EXPIRES.plusMillis(1));

        assertThat(challenges.find(challenge.nonceHash())).isEmpty();
    }

    @Test
    void spendsEachRecoveryCodeOnce() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        recoveryCodes.replace(user.id(), List.of("c1", "c2", "c3"));

        assertThat(recoveryCodes.use(user.id(), "c2", NOW)).isTrue();
        assertThat(recoveryCodes.use(user.id(), "c2", NOW)).isFalse();
        assertThat(recoveryCodes.use(user.id(), "unknown", NOW)).isFalse();
        assertThat(recoveryCodes.remaining(user.id())).isEqualTo(2);
    }

    @Test
    void replacingRecoveryCodesDropsTheOldOnes() {
        User user = RandomUser.create(dataSource, RandomTenant.create(dataSource));
        recoveryCodes.replace(user.id(), List.of("old1", "old2"));

        recoveryCodes.replace(user.id(), List.of("new1"));

        assertThat(recoveryCodes.use(user.id(), "old1", NOW)).isFalse();
        assertThat(recoveryCodes.use(user.id(), "new1", NOW)).isTrue();
        assertThat(recoveryCodes.remaining(user.id())).isZero();
    }
}
