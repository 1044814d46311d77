package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueCall;
import io.ramal.cti.queue.QueueCaller;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Queue passages on both databases: a passage's later state replaces the earlier, and they come back by the
 * time the caller entered, per queue or tenant, never another tenant's.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class QueueCallHistoryTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration SL = Duration.ofSeconds(20);
    private static final QueueCaller.Ringing ALICE = new QueueCaller.Ringing("u-alice", "alice", "1001");

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final QueueCallHistory history = new QueueCallHistory(dataSource);

    @Test
    void aPassageKeepsItsLatestStateAndPassagesComeBackByTheirEntryInTheWindow() {
        String tenant = RandomTenant.create(dataSource);
        QueueCall waiting = QueueCall.entered(tenant, "c1", "sales", T0, SL);
        QueueCall answered = waiting.left(QueueCall.Outcome.ANSWERED, T0.plusMillis(12_345), Optional.of(ALICE),
                Optional.empty(), SL);
        QueueCall ended = answered.ended(T0.plusMillis(72_345));
        QueueCall overflowed = QueueCall.entered(tenant, "c2", "sales", T0.plusSeconds(60), SL)
                .left(QueueCall.Outcome.OVERFLOWED, T0.plusSeconds(150), Optional.empty(),
                        Optional.of(OverflowTarget.parse("queue:support")), SL);
        QueueCall next = QueueCall.entered(tenant, "c2", "support", T0.plusSeconds(150), Duration.ofSeconds(30));
        QueueCall tomorrow = QueueCall.entered(tenant, "c3", "sales", T0.plus(Duration.ofDays(1)), SL)
                .left(QueueCall.Outcome.ABANDONED, T0.plus(Duration.ofDays(1)).plusSeconds(4), Optional.empty(),
                        Optional.empty(), SL);
        history.record(List.of(waiting, answered));
        history.record(List.of(overflowed, next, tomorrow));
        history.record(List.of(ended));

        Instant from = T0;
        Instant to = T0.plus(Duration.ofHours(1));
        assertThat(history.entered(tenant, Optional.empty(), from, to)).containsExactly(ended, overflowed, next);
        assertThat(history.entered(tenant, Optional.of("sales"), from, to)).containsExactly(ended, overflowed);
        assertThat(history.entered(tenant, Optional.of("sales"), T0.plusSeconds(1), T0.plus(Duration.ofDays(2))))
                .containsExactly(overflowed, tomorrow);
        assertThat(history.entered(RandomTenant.create(dataSource), Optional.empty(), from, to)).isEmpty();
    }

    @Test
    void aRefusedCallerIsStoredWithItsOverflowAndAWaitingOneWithoutAnOutcome() {
        String tenant = RandomTenant.create(dataSource);
        QueueCall refused = QueueCall.entered(tenant, "c1", "sales", T0, SL).left(QueueCall.Outcome.REFUSED, T0,
                Optional.empty(), Optional.of(OverflowTarget.parse("extension:1009")), SL);
        QueueCall waiting = QueueCall.entered(tenant, "c2", "sales", T0.plusSeconds(1), SL);
        history.record(List.of(refused, waiting));

        List<QueueCall> back = history.entered(tenant, Optional.of("sales"), T0, T0.plusSeconds(2));
        assertThat(back).containsExactly(refused, waiting);
        assertThat(back.getLast().leftAt()).isEmpty();
        assertThat(back.getLast().endedAt()).isEmpty();
    }
}
