package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.cti.Language;
import io.ramal.cti.queue.MembershipChange;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueMember;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.Strategy;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Queue definitions and memberships on both databases, as they must come back after a restart. */
@ParameterizedClass
@EnumSource(Backend.class)
class QueuesTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final QueueSettings SALES = new QueueSettings("sales", Strategy.LONGEST_IDLE,
            Duration.ofSeconds(12), Optional.of(Duration.ofMinutes(3)), Optional.of(OverflowTarget.parse("queue:backup")),
            Duration.ofSeconds(20), OptionalInt.of(30), Optional.of(Duration.ofSeconds(45)), Duration.ofSeconds(25));

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final Queues queues = new Queues(dataSource);

    @Test
    void aQueueComesBackWithEverySettingAndAChangeReplacesThem() {
        String tenant = RandomTenant.create(dataSource);
        queues.save(tenant, SALES, T0);
        queues.save(tenant, QueueSettings.defaults("backup"), T0);

        assertThat(queues.find(tenant, "sales")).contains(SALES);
        assertThat(queues.list(tenant)).extracting(QueueSettings::name).containsExactly("backup", "sales");
        QueueSettings changed = SALES.withStrategy(Strategy.RING_ALL).withMaxWait(Optional.empty(), Optional.empty())
                .withMaxCallers(OptionalInt.empty()).withAnnounceEvery(Optional.empty());
        queues.save(tenant, changed, T0.plusSeconds(60));
        assertThat(queues.find(tenant, "sales")).contains(changed);
        assertThat(queues.list(RandomTenant.create(dataSource))).as("another tenant's").isEmpty();
    }

    @Test
    void aQueueKeepsItsNumberAndSpeechAndTwoQueuesOfATenantCannotShareANumber() {
        String tenant = RandomTenant.create(dataSource);
        QueueSettings dialled = SALES.withNumber(Optional.of("5000")).withLanguage(Language.ES).withAnnounceWait(true);
        queues.save(tenant, dialled, T0);
        queues.save(tenant, QueueSettings.defaults("backup"), T0);
        String other = RandomTenant.create(dataSource);
        queues.save(other, QueueSettings.defaults("sales").withNumber(Optional.of("5000")), T0);

        assertThat(queues.find(tenant, "sales")).contains(dialled);
        assertThat(queues.byNumber(tenant, "5000")).contains(dialled);
        assertThat(queues.byNumber(other, "5000").map(QueueSettings::language)).contains(Language.EN);
        assertThat(queues.byNumber(tenant, "5001")).isEmpty();
        assertThatThrownBy(() -> queues.save(tenant, QueueSettings.defaults("backup").withNumber(Optional.of("5000")),
                T0)).isInstanceOf(StoreException.class);
        queues.save(tenant, dialled.withNumber(Optional.empty()), T0);
        assertThat(queues.byNumber(tenant, "5000")).isEmpty();
        assertThat(queues.find(tenant, "sales").orElseThrow().announceWait()).isTrue();
    }

    @Test
    void anAnnouncementStaysWhenTheQueueIsSavedAgainAndGoesWhenRemoved() {
        String tenant = RandomTenant.create(dataSource);
        queues.save(tenant, SALES, T0);
        queues.save(tenant, QueueSettings.defaults("backup"), T0);
        String reference = "ab".repeat(32);

        assertThat(queues.useAnnouncement(tenant, "sales", Optional.of(reference))).isTrue();
        queues.save(tenant, SALES.withWrapUp(Duration.ZERO), T0);

        assertThat(queues.announcement(tenant, "sales")).contains(reference);
        assertThat(queues.announcement(tenant, "backup")).isEmpty();
        assertThat(queues.announcements(tenant)).containsExactly(java.util.Map.entry("sales", reference));
        assertThat(queues.useAnnouncement(tenant, "nosuch", Optional.of(reference))).isFalse();
        assertThat(queues.useAnnouncement(tenant, "sales", Optional.empty())).isTrue();
        assertThat(queues.announcement(tenant, "sales")).isEmpty();
    }

    @Test
    void membershipsKeepPriorityAndPauseAndGoWithTheirQueue() {
        String tenant = RandomTenant.create(dataSource);
        User alice = RandomUser.create(dataSource, tenant);
        User bob = RandomUser.create(dataSource, tenant);
        queues.save(tenant, SALES, T0);
        queues.save(tenant, QueueSettings.defaults("support"), T0);
        QueueMember aliceInSales = new QueueMember("sales", alice.id(), alice.username(), 1, T0, Optional.empty());
        QueueMember bobInSales = new QueueMember("sales", bob.id(), bob.username(), 0, T0.plusSeconds(5),
                Optional.of(new QueueMember.Pause(Optional.of("training"), T0.plusSeconds(9))));
        QueueMember aliceInSupport = new QueueMember("support", alice.id(), alice.username(), 0, T0, Optional.of(
                new QueueMember.Pause(Optional.empty(), T0.plusSeconds(3))));
        queues.apply(tenant, List.of(new MembershipChange.Saved(aliceInSales), new MembershipChange.Saved(bobInSales),
                new MembershipChange.Saved(aliceInSupport)));

        assertThat(queues.members(tenant)).containsExactly(aliceInSales, bobInSales, aliceInSupport);

        QueueMember unpaused = new QueueMember("sales", bob.id(), bob.username(), 2, T0.plusSeconds(5),
                Optional.empty());
        queues.apply(tenant, List.of(new MembershipChange.Saved(unpaused),
                new MembershipChange.Removed("support", alice.id())));
        assertThat(queues.members(tenant)).containsExactly(aliceInSales, unpaused);

        assertThat(queues.delete(tenant, "sales")).isTrue();
        assertThat(queues.members(tenant)).isEmpty();
        assertThat(queues.find(tenant, "sales")).isEmpty();
        assertThat(queues.delete(tenant, "sales")).isFalse();
    }

    @Test
    void aMembershipNeedsAnExistingQueueAndUser() {
        String tenant = RandomTenant.create(dataSource);
        User alice = RandomUser.create(dataSource, tenant);
        assertThatThrownBy(() -> queues.apply(tenant, List.of(new MembershipChange.Saved(
                new QueueMember("nowhere", alice.id(), alice.username(), 0, T0, Optional.empty())))))
                .isInstanceOf(StoreException.class);
        assertThat(queues.members(tenant)).isEmpty();
    }
}
