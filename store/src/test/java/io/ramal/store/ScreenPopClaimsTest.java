package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.cti.agent.Interval;
import io.ramal.cti.agent.IntervalEnd;
import io.ramal.cti.agent.IntervalState;
import io.ramal.cti.agent.LedgerChange;
import io.ramal.cti.agent.LogonKind;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
class ScreenPopClaimsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

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

    private final ScreenPopClaims claims = new ScreenPopClaims(dataSource);

    @Test
    void aCallClaimsEachAgentOnceAndOnlyWhenTheTransactionCommits() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(claims.claim(connection, claim(tenant, "c1", "u-alice", 3))).isTrue();
            connection.rollback();
            assertThat(claims.claim(connection, claim(tenant, "c1", "u-alice", 5))).isTrue();
            assertThat(claims.claim(connection, claim(tenant, "c1", "u-alice", 6))).as("rings again").isFalse();
            assertThat(claims.claim(connection, claim(tenant, "c1", "u-bob", 6))).isTrue();
            connection.commit();
            connection.setAutoCommit(true);
        }
        assertThat(claims.ofCall(tenant, "c1")).extracting(ScreenPopClaim::agent, ScreenPopClaim::deliveredSeq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u-alice", 5L),
                        org.assertj.core.groups.Tuple.tuple("u-bob", 6L));
    }

    @Test
    void aClaimPopsOnceAndAPoppedOneIsNeverClaimedOrPoppedAgain() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        insert(claim(tenant, "c2", "u-alice", 1));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(claims.pop(connection, tenant, "c2", "u-alice", 7, T0.plusSeconds(1))).isTrue();
            assertThat(claims.pop(connection, tenant, "c2", "u-alice", 8, T0.plusSeconds(1))).isFalse();
            assertThat(claims.claim(connection, claim(tenant, "c2", "u-alice", 9))).isFalse();
        }
        ScreenPopClaim popped = claims.find(tenant, "c2", "u-alice").orElseThrow();
        assertThat(popped.state()).isEqualTo(ScreenPopState.POPPED);
        assertThat(popped.poppedSeq()).contains(7L);
        assertThat(claims.lease("w1", T0.plusSeconds(2), T0.plusSeconds(30), 10))
                .noneMatch(c -> c.tenantId().equals(tenant));
    }

    @Test
    void aLeasedClaimIsNotLeasedAgainUntilItsLeaseEnds() {
        String tenant = RandomTenant.create(dataSource);
        insert(claim(tenant, "c3", "u-alice", 1));
        assertThat(mine(claims.lease("w1", T0, T0.plusSeconds(30), 100), tenant)).hasSize(1);
        assertThat(mine(claims.lease("w2", T0.plusSeconds(10), T0.plusSeconds(40), 100), tenant)).isEmpty();
        List<ScreenPopClaim> retaken = mine(claims.lease("w2", T0.plusSeconds(30), T0.plusSeconds(60), 100), tenant);
        assertThat(retaken).singleElement().satisfies(c -> assertThat(c.leaseOwner()).contains("w2"));
    }

    @Test
    void oldPendingClaimsExpireAndFinishedOnesArePrunedLater() {
        String tenant = RandomTenant.create(dataSource);
        insert(claim(tenant, "old", "u-alice", 1));
        insert(ScreenPopClaim.pending(tenant, "new", "u-alice", 2, "{}", T0.plusSeconds(120)));
        claims.expire(T0.plusSeconds(60), T0.plusSeconds(130));
        assertThat(claims.find(tenant, "old", "u-alice").orElseThrow().state()).isEqualTo(ScreenPopState.EXPIRED);
        assertThat(claims.find(tenant, "new", "u-alice").orElseThrow().state()).isEqualTo(ScreenPopState.PENDING);
        claims.prune(T0.plusSeconds(131));
        assertThat(claims.find(tenant, "old", "u-alice")).isEmpty();
        assertThat(claims.find(tenant, "new", "u-alice")).isPresent();
    }

    @Test
    void theAgentsOfAnExtensionAreItsEnabledUsers() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        Users users = new Users(dataSource);
        users.insert(user(tenant, "zoe", Optional.of("1001")));
        users.insert(user(tenant, "alice", Optional.of("1001")));
        users.insert(user(tenant, "bob", Optional.of("1002")));
        User off = user(tenant, "carl", Optional.of("1001"));
        users.insert(off);
        users.update(off.withDisabled(true, T0));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(claims.agentsAt(connection, tenant, "1001")).extracting(ScreenPopClaims.Agent::username)
                    .containsExactly("alice", "zoe");
            assertThat(claims.agentsAt(connection, tenant, "1009")).isEmpty();
        }
    }

    @Test
    void anAgentLoggedInAtADeviceIsWhoItPopsForAndOneThatLoggedOutIsNobody() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        Users users = new Users(dataSource);
        User alice = user(tenant, "alice", Optional.of("1001"));
        User bob = user(tenant, "bob", Optional.of("1002"));
        User carol = user(tenant, "carol", Optional.of("1003"));
        User dave = user(tenant, "dave", Optional.of("1003"));
        List.of(alice, bob, carol, dave).forEach(users::insert);
        AgentIntervals ledger = new AgentIntervals(dataSource);
        // alice works at bob's phone; carol logged in and out again; dave and bob never logged in
        ledger.apply(tenant, List.of(new LedgerChange.Opened(session(tenant, "i1", alice, "1002"))));
        ledger.apply(tenant, List.of(new LedgerChange.Opened(session(tenant, "i2", carol, "1003")),
                new LedgerChange.Closed(tenant + "-i2", T0.plusSeconds(60), IntervalEnd.LOGGED_OUT),
                new LedgerChange.Opened(new Interval(tenant + "-i3", tenant, carol.id(), "carol", Optional.empty(),
                        Optional.of("s-i2"), Optional.empty(), IntervalState.LOGGED_OUT, Optional.empty(),
                        T0.plusSeconds(60), Optional.empty(), Optional.empty(), carol.id()))));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(claims.agentsAt(connection, tenant, "1002")).extracting(ScreenPopClaims.Agent::username)
                    .as("the agent logged in at the device, not the user bound to it").containsExactly("alice");
            assertThat(claims.agentsAt(connection, tenant, "1001"))
                    .as("alice's own extension while she works elsewhere").isEmpty();
            assertThat(claims.agentsAt(connection, tenant, "1003")).extracting(ScreenPopClaims.Agent::username)
                    .as("carol logged out; dave never used an agent session").containsExactly("dave");
        }
        ledger.apply(tenant, List.of(new LedgerChange.Closed(tenant + "-i1", T0.plusSeconds(90), IntervalEnd.LOGGED_OUT)));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(claims.agentsAt(connection, tenant, "1002")).extracting(ScreenPopClaims.Agent::username)
                    .as("alice's session ended: bob's phone is bob's again").containsExactly("bob");
        }
    }

    private static Interval session(String tenant, String id, User agent, String device) {
        return new Interval(tenant + "-" + id, tenant, agent.id(), agent.username(), Optional.of(device),
                Optional.of("s-" + id),
                Optional.of(new Interval.Logon(LogonKind.EXTENSION, device)), IntervalState.AVAILABLE,
                Optional.empty(), T0, Optional.empty(), Optional.empty(), agent.id());
    }

    @Test
    void aTenantHasAtMostOneCrmLookupWhichCanBeReplacedAndRemoved() {
        String tenant = RandomTenant.create(dataSource);
        CrmLookups lookups = new CrmLookups(dataSource);
        assertThat(lookups.find(tenant)).isEmpty();
        lookups.put(new CrmLookup(tenant, "https://crm.example/a?p=%CALLER_ID%", "{}", Duration.ofSeconds(2),
                Duration.ofMinutes(1), true, T0));
        CrmLookup changed = new CrmLookup(tenant, "https://crm.example/b?p=%CALLER_ID%", "{\"X-Key\":\"k\"}",
                Duration.ofMillis(800), Duration.ZERO, false, T0.plusSeconds(5));
        lookups.put(changed);
        assertThat(lookups.find(tenant)).contains(changed);
        assertThat(lookups.delete(tenant)).isTrue();
        assertThat(lookups.delete(tenant)).isFalse();
        assertThat(lookups.find(tenant)).isEmpty();
    }

    private static ScreenPopClaim claim(String tenant, String call, String agent, long seq) {
        return ScreenPopClaim.pending(tenant, call, agent, seq, "{\"seq\":" + seq + "}", T0);
    }

    private void insert(ScreenPopClaim claim) {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(claims.claim(connection, claim)).isTrue();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ScreenPopClaim> mine(List<ScreenPopClaim> leased, String tenant) {
        return leased.stream().filter(c -> c.tenantId().equals(tenant)).toList();
    }

    private static User user(String tenant, String name, Optional<String> extension) {
        return User.create(UUID.randomUUID().toString(), tenant, name, "$2a$10$hash", Set.of("agent"), extension, T0);
    }
}
