package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.cti.agent.Interval;
import io.ramal.cti.agent.IntervalEnd;
import io.ramal.cti.agent.IntervalState;
import io.ramal.cti.agent.LedgerChange;
import io.ramal.cti.agent.LogonKind;
import io.ramal.cti.agent.PauseReason;
import io.ramal.cti.agent.SecondLogin;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Pause reasons, policies and the interval ledger on both databases. */
@ParameterizedClass
@EnumSource(Backend.class)
class AgentLedgerStoreTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final PauseReason LUNCH = new PauseReason("lunch", "Lunch", false, false, true,
            Set.of("sales", "support"), Optional.of(Duration.ofMinutes(30)));

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final AgentIntervals ledger = new AgentIntervals(dataSource);
    private final PauseReasons reasons = new PauseReasons(dataSource);

    private static Interval interval(String tenant, String id, IntervalState state, Optional<PauseReason> reason,
            Instant start) {
        return new Interval(tenant + "-" + id, tenant, "u1", "alice", Optional.of("1001"), Optional.of("s1"),
                Optional.of(new Interval.Logon(LogonKind.IP, "10.0.0.7")), state, reason, start, Optional.empty(),
                Optional.empty(), "u1");
    }

    @Test
    void reasonsRoundTripWithTheirGroupsAndMaximum() {
        String tenant = RandomTenant.create(dataSource);
        reasons.save(tenant, LUNCH);
        reasons.save(tenant, new PauseReason("bath", "Bathroom", false, false, false, Set.of(), Optional.empty()));

        assertThat(reasons.find(tenant, "lunch")).contains(LUNCH);
        assertThat(reasons.list(tenant)).extracting(PauseReason::name).containsExactly("Bathroom", "Lunch");
        assertThat(reasons.findByName(tenant, "Bathroom")).map(PauseReason::groups).contains(Set.of());
        assertThat(reasons.delete(tenant, "lunch")).isTrue();
        assertThat(reasons.find(tenant, "lunch")).isEmpty();
    }

    @Test
    void aClosedIntervalKeepsItsEndAndAnOpenOneIsFoundAfterwards() {
        String tenant = RandomTenant.create(dataSource);
        Interval available = interval(tenant, "i1", IntervalState.AVAILABLE, Optional.empty(), T0);
        Interval lunch = interval(tenant, "i2", IntervalState.PAUSED, Optional.of(LUNCH), T0.plusSeconds(60));
        ledger.apply(tenant, List.of(new LedgerChange.Opened(available)));
        ledger.apply(tenant, List.of(new LedgerChange.Closed(tenant + "-i1", T0.plusSeconds(60), IntervalEnd.CHANGED),
                new LedgerChange.Opened(lunch)));

        assertThat(ledger.find(tenant, tenant + "-i1")).contains(available.closed(T0.plusSeconds(60), IntervalEnd.CHANGED));
        assertThat(ledger.open(tenant)).containsExactly(lunch);
    }

    @Test
    void theLedgerIsReadByAgentAndTimeInPages() {
        String tenant = RandomTenant.create(dataSource);
        for (int n = 0; n < 5; n++) {
            Interval i = interval(tenant, "i" + n, IntervalState.AVAILABLE, Optional.empty(), T0.plusSeconds(n * 10));
            ledger.apply(tenant, n == 0 ? List.of(new LedgerChange.Opened(i)) : List.of(
                    new LedgerChange.Closed(tenant + "-i" + (n - 1), T0.plusSeconds(n * 10), IntervalEnd.CHANGED),
                    new LedgerChange.Opened(i)));
        }
        IntervalPage first = ledger.list(tenant, new IntervalQuery(Optional.of("u1"), Optional.empty(),
                Optional.empty(), Optional.empty(), 3));
        IntervalPage second = ledger.list(tenant, new IntervalQuery(Optional.of("u1"), Optional.empty(),
                Optional.empty(), first.nextCursor(), 3));
        assertThat(first.intervals()).extracting(Interval::id).containsExactly(tenant + "-i0", tenant + "-i1", tenant + "-i2");
        assertThat(second.intervals()).extracting(Interval::id).containsExactly(tenant + "-i3", tenant + "-i4");
        assertThat(second.nextCursor()).isEmpty();

        IntervalPage window = ledger.list(tenant, new IntervalQuery(Optional.empty(), Optional.of(T0.plusSeconds(15)),
                Optional.of(T0.plusSeconds(30)), Optional.empty(), 100));
        assertThat(window.intervals()).extracting(Interval::id).containsExactly(tenant + "-i1", tenant + "-i2");
        assertThat(ledger.list(tenant, new IntervalQuery(Optional.of("someone-else"), Optional.empty(),
                Optional.empty(), Optional.empty(), 100)).intervals()).isEmpty();
        assertThat(ledger.list(RandomTenant.create(dataSource), IntervalQuery.all()).intervals())
                .as("another tenant").isEmpty();
        assertThatThrownBy(() -> ledger.list(tenant, new IntervalQuery(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("nonsense"), 10))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTenantsPolicyIsKept() {
        String tenant = RandomTenant.create(dataSource);
        AgentPolicies policies = new AgentPolicies(dataSource);
        assertThat(policies.find(tenant)).isEmpty();
        AgentPolicySetting setting = new AgentPolicySetting(SecondLogin.TAKE_OVER, Duration.ofSeconds(90),
                AgentPolicySetting.Vanish.PAUSE, Optional.of("lunch"));
        policies.save(tenant, setting);

        assertThat(policies.find(tenant)).contains(setting);
    }
}
