package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class EventLogTest {

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

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final EventLog log = new EventLog(dataSource, InstantSource.fixed(T0));

    /** A clock the test moves. */
    private InstantSource clock() {
        return now::get;
    }

    @Test
    void numbersEachTenantsEventsFromOneWithoutGaps() {
        String acme = RandomTenant.create(dataSource);
        String globex = RandomTenant.create(dataSource);

        StoredEvent first = log.append(acme, draft("call.delivered", "c1", "1002"));
        StoredEvent other = log.append(globex, draft("call.delivered", "c9", "2001"));
        List<StoredEvent> batch = log.appendAll(acme, List.of(draft("call.established", "c1", "1002"),
                draft("connection.cleared", "c1", "1002")));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(other.seq()).isEqualTo(1);
        assertThat(batch).extracting(StoredEvent::seq).containsExactly(2L, 3L);
        assertThat(log.head(acme)).isEqualTo(new EventLogHead(acme, 3, 0));
        assertThat(log.head(globex)).isEqualTo(new EventLogHead(globex, 1, 0));
    }

    @Test
    void readsBackExactlyWhatWasAppended() {
        String tenant = RandomTenant.create(dataSource);
        StoredEvent withCall = log.append(tenant, draft("call.delivered", "c1", "1002"));
        StoredEvent bare = log.append(tenant,
                new EventDraft("device.registered", Optional.empty(), Optional.empty(), "{}"));

        assertThat(log.after(tenant, 0, 10)).containsExactly(withCall, bare);
        assertThat(withCall.ts()).isEqualTo(T0);
        assertThat(withCall.payload()).isEqualTo("{\"caller\":\"1001\"}");
        assertThat(withCall.id()).isNotEqualTo(bare.id());
    }

    @Test
    void enlistedWorkCommitsWithTheEventsItSaw() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        List<Long> seen = new ArrayList<>();

        log.appendAll(tenant, List.of(draft("call.delivered", "c1", "1002")), (transaction, events) -> {
            events.forEach(e -> seen.add(e.seq()));
            assertThat(transaction.getAutoCommit()).isFalse();
        });

        assertThat(seen).containsExactly(1L);
        assertThat(log.after(tenant, 0, 10)).extracting(StoredEvent::seq).containsExactly(1L);
    }

    @Test
    void aFailingEnlistmentKeepsNoEventAndGivesTheSeqBack() {
        String tenant = RandomTenant.create(dataSource);

        assertThatThrownBy(() -> log.appendAll(tenant, List.of(draft("call.delivered", "c1", "1002")),
                (transaction, events) -> {
                    throw new SQLException("outbox is full");
                })).isInstanceOf(StoreException.class);

        assertThat(log.after(tenant, 0, 10)).isEmpty();
        assertThat(log.append(tenant, draft("call.delivered", "c2", "1002")).seq()).isEqualTo(1);
    }

    @Test
    void readsAfterASeqInPagesInSeqOrder() {
        String tenant = RandomTenant.create(dataSource);
        for (int i = 0; i < 7; i++) {
            log.append(tenant, draft("call.delivered", "c" + i, "1002"));
        }

        assertThat(log.after(tenant, 2, 3)).extracting(StoredEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(log.after(tenant, 5, 3)).extracting(StoredEvent::seq).containsExactly(6L, 7L);
        assertThat(log.after(tenant, 7, 3)).isEmpty();
    }

    @Test
    void neverShowsOneTenantsEventsToAnother() {
        String acme = RandomTenant.create(dataSource);
        String globex = RandomTenant.create(dataSource);
        log.append(acme, draft("call.delivered", "c1", "1002"));

        assertThat(log.after(globex, 0, 10)).isEmpty();
        assertThat(log.head(globex)).isEqualTo(new EventLogHead(globex, 0, 0));
    }

    @Test
    void concurrentAppendersOfOneTenantGetEverySeqExactlyOnce() throws Exception {
        String tenant = RandomTenant.create(dataSource);
        int threads = 4;
        int perThread = 25;
        List<Callable<List<Long>>> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            appenders.add(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    List<StoredEvent> stored = log.appendAll(tenant,
                            List.of(draft("call.delivered", "c", "1"), draft("call.established", "c", "1")));
                    stored.forEach(event -> seqs.add(event.seq()));
                }
                return seqs;
            });
        }
        List<Long> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Future<List<Long>> result : pool.invokeAll(appenders)) {
                all.addAll(result.get());
            }
        }

        Collections.sort(all);
        long total = (long) threads * perThread * 2;
        assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(log.after(tenant, 0, 1_000)).extracting(StoredEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }

    @Test
    void aFailedAppendStoresNothingAndGivesItsNumbersBack() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        log.append(tenant, draft("call.delivered", "c1", "1002"));
        execute("INSERT INTO event_log (tenant_id, seq, id, ts, type, payload) VALUES (?, 3, ?, 0, 'x.y', '{}')",
                tenant, "blocker-" + tenant);

        assertThatThrownBy(() -> log.appendAll(tenant,
                List.of(draft("call.established", "c1", "1002"), draft("call.held", "c1", "1002"))))
                .isInstanceOf(StoreException.class);
        assertThat(log.head(tenant).lastSeq()).isEqualTo(1);
        assertThat(log.after(tenant, 1, 10)).extracting(StoredEvent::type).containsExactly("x.y");

        execute("DELETE FROM event_log WHERE tenant_id = ? AND seq = 3", tenant);
        assertThat(log.append(tenant, draft("call.established", "c1", "1002")).seq()).isEqualTo(2);
    }

    @Test
    void refusesToAppendForAnUnknownTenant() {
        assertThatThrownBy(() -> log.append("no-such-tenant", draft("call.delivered", "c", "1")))
                .isInstanceOf(StoreException.class);
        assertThat(log.head("no-such-tenant").lastSeq()).isZero();
    }

    @Test
    void keepsCountingAfterTheStoreIsReopened() {
        String tenant = RandomTenant.create(dataSource);
        log.appendAll(tenant, List.of(draft("a.b", "c", "d"), draft("a.b", "c", "d")));

        EventLog reopened = new EventLog(dataSource, InstantSource.fixed(T0));

        assertThat(reopened.append(tenant, draft("a.b", "c", "d")).seq()).isEqualTo(3);
    }

    @Test
    void pruningByCountKeepsTheNewestEventsAndRemembersWhereItCut() {
        String tenant = RandomTenant.create(dataSource);
        for (int i = 0; i < 10; i++) {
            log.append(tenant, draft("call.delivered", "c" + i, "1002"));
        }

        long removed = log.prune(tenant, EventRetention.ofMaxEvents(4));

        assertThat(removed).isEqualTo(6);
        EventLogHead head = log.head(tenant);
        assertThat(head).isEqualTo(new EventLogHead(tenant, 10, 6));
        assertThat(head.oldestRetained()).isEqualTo(7);
        assertThat(head.canResumeAfter(6)).isTrue();
        assertThat(head.canResumeAfter(5)).isFalse();
        assertThat(log.after(tenant, 0, 100)).extracting(StoredEvent::seq).containsExactly(7L, 8L, 9L, 10L);
        assertThat(log.append(tenant, draft("call.delivered", "c", "1")).seq()).isEqualTo(11);
    }

    @Test
    void pruningByAgeRemovesOnlyEventsOlderThanTheLimit() {
        String tenant = RandomTenant.create(dataSource);
        EventLog moving = new EventLog(dataSource, clock());
        moving.append(tenant, draft("call.delivered", "c1", "1002"));
        moving.append(tenant, draft("call.established", "c1", "1002"));
        now.set(T0.plus(Duration.ofHours(2)));
        moving.append(tenant, draft("connection.cleared", "c1", "1002"));
        now.set(T0.plus(Duration.ofHours(3)));

        long removed = moving.prune(tenant, EventRetention.ofMaxAge(Duration.ofHours(2)));

        assertThat(removed).isEqualTo(2);
        assertThat(moving.head(tenant)).isEqualTo(new EventLogHead(tenant, 3, 2));
        assertThat(moving.after(tenant, 0, 10)).extracting(StoredEvent::seq).containsExactly(3L);
    }

    @Test
    void pruningEverythingStillLetsAnUpToDateReaderResume() {
        String tenant = RandomTenant.create(dataSource);
        log.append(tenant, draft("call.delivered", "c1", "1002"));
        log.append(tenant, draft("call.established", "c1", "1002"));

        log.prune(tenant, EventRetention.ofMaxEvents(0));

        EventLogHead head = log.head(tenant);
        assertThat(head).isEqualTo(new EventLogHead(tenant, 2, 2));
        assertThat(head.canResumeAfter(2)).isTrue();
        assertThat(head.canResumeAfter(1)).isFalse();
        assertThat(head.canResumeAfter(3)).isFalse();
        assertThat(log.prune(tenant, EventRetention.ofMaxEvents(0))).isZero();
    }

    @Test
    void pruneAllAppliesRetentionToEveryTenant() {
        String acme = RandomTenant.create(dataSource);
        String globex = RandomTenant.create(dataSource);
        for (int i = 0; i < 3; i++) {
            log.append(acme, draft("a.b", "c", "d"));
            log.append(globex, draft("a.b", "c", "d"));
        }

        log.pruneAll(EventRetention.ofMaxEvents(1));

        assertThat(log.head(acme).prunedThrough()).isEqualTo(2);
        assertThat(log.head(globex).prunedThrough()).isEqualTo(2);
        assertThat(log.pruneAll(EventRetention.unlimited())).isZero();
    }

    @Test
    void refusesAPayloadThatIsNotAJsonObject() {
        assertThatThrownBy(() -> new EventDraft("a.b", Optional.empty(), Optional.empty(), "[1]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void execute(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static EventDraft draft(String type, String callId, String device) {
        return new EventDraft(type, Optional.of(callId), Optional.of(device), "{\"caller\":\"1001\"}");
    }
}
