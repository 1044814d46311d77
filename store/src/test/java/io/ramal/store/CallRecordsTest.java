package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
class CallRecordsTest {

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
    private final CallRecords cdrs = new CallRecords(dataSource);

    @Test
    void roundTripsAnsweredAndUnansweredCalls() {
        String tenant = RandomTenant.create(dataSource);
        CallRecord answered = answered(tenant, "1001", "1002", CallDirection.INTERNAL, T0);
        CallRecord busy = unanswered(tenant, "1001", "1003", CallDirection.INTERNAL, T0.plusSeconds(60),
                CallDisposition.BUSY, "486 Busy Here");

        cdrs.insert(answered);
        cdrs.insert(busy);

        assertThat(cdrs.find(tenant, answered.id())).contains(answered);
        assertThat(cdrs.find(tenant, busy.id())).contains(busy);
    }

    @Test
    void storesDurationAndBillableSeconds() throws SQLException {
        String tenant = RandomTenant.create(dataSource);
        CallRecord cdr = new CallRecord(newId(), tenant, "call", "1001", "1002", CallDirection.INTERNAL, T0,
                Optional.of(T0.plusMillis(4_000)), T0.plusMillis(65_500), CallDisposition.ANSWERED, "BYE");

        cdrs.insert(cdr);

        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT duration_ms, billable_seconds, disposition FROM cdrs WHERE id = ?")) {
            statement.setString(1, cdr.id());
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong("duration_ms")).isEqualTo(65_500);
                assertThat(row.getLong("billable_seconds")).isEqualTo(62);
                assertThat(row.getString("disposition")).isEqualTo("answered");
            }
        }
    }

    @Test
    void refusesASecondRecordWithTheSameId() {
        String tenant = RandomTenant.create(dataSource);
        CallRecord cdr = answered(tenant, "1001", "1002", CallDirection.INTERNAL, T0);
        cdrs.insert(cdr);

        assertThatThrownBy(() -> cdrs.insert(cdr)).isInstanceOf(StoreException.class);
    }

    @Test
    void filtersByStartTimeFromInclusiveUntilExclusive() {
        String tenant = RandomTenant.create(dataSource);
        CallRecord before = insertAnswered(tenant, "1001", "1002", T0.minusMillis(1));
        CallRecord atStart = insertAnswered(tenant, "1001", "1002", T0);
        CallRecord inside = insertAnswered(tenant, "1001", "1002", T0.plusSeconds(3_599));
        CallRecord atEnd = insertAnswered(tenant, "1001", "1002", T0.plusSeconds(3_600));

        CdrPage page = cdrs.list(tenant, CdrQuery.all().withStartedBetween(T0, T0.plusSeconds(3_600)));

        assertThat(page.records()).containsExactly(inside, atStart).doesNotContain(before, atEnd);
    }

    @Test
    void filtersByExtensionAsCallerOrCallee() {
        String tenant = RandomTenant.create(dataSource);
        CallRecord outgoing = insertAnswered(tenant, "1001", "1002", T0);
        CallRecord incoming = insertAnswered(tenant, "1003", "1001", T0.plusSeconds(1));
        insertAnswered(tenant, "1002", "1003", T0.plusSeconds(2));

        CdrPage page = cdrs.list(tenant, CdrQuery.all().withExtension("1001"));

        assertThat(page.records()).containsExactly(incoming, outgoing);
    }

    @Test
    void filtersByDirectionAndDisposition() {
        String tenant = RandomTenant.create(dataSource);
        CallRecord inboundAnswered = answered(tenant, "+4930111", "1001", CallDirection.INBOUND, T0);
        CallRecord inboundMissed = unanswered(tenant, "+4930222", "1001", CallDirection.INBOUND,
                T0.plusSeconds(1), CallDisposition.NO_ANSWER, "408 Request Timeout");
        CallRecord outboundFailed = unanswered(tenant, "1001", "+4930333", CallDirection.OUTBOUND,
                T0.plusSeconds(2), CallDisposition.FAILED, "503 Service Unavailable");
        CallRecord internalCancelled = unanswered(tenant, "1001", "1002", CallDirection.INTERNAL,
                T0.plusSeconds(3), CallDisposition.CANCELLED, "487 Request Terminated");
        List.of(inboundAnswered, inboundMissed, outboundFailed, internalCancelled).forEach(cdrs::insert);

        assertThat(cdrs.list(tenant, CdrQuery.all().withDirection(CallDirection.INBOUND)).records())
                .containsExactly(inboundMissed, inboundAnswered);
        assertThat(cdrs.list(tenant, CdrQuery.all().withDisposition(CallDisposition.NO_ANSWER)).records())
                .containsExactly(inboundMissed);
        assertThat(cdrs.list(tenant, CdrQuery.all().withDirection(CallDirection.INBOUND)
                        .withDisposition(CallDisposition.ANSWERED)).records())
                .containsExactly(inboundAnswered);
        assertThat(cdrs.list(tenant, CdrQuery.all().withDirection(CallDirection.OUTBOUND)
                        .withDisposition(CallDisposition.ANSWERED)).records())
                .isEmpty();
    }

    @Test
    void pagesThroughAllRecordsNewestFirstWithoutGapsOrRepeats() {
        String tenant = RandomTenant.create(dataSource);
        List<CallRecord> inserted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // pairs share a start time, so the cursor must break ties by id
            inserted.add(insertAnswered(tenant, "1001", "1002", T0.plusSeconds(i / 2)));
        }

        List<CallRecord> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        CdrQuery query = CdrQuery.all().withLimit(3);
        while (true) {
            CdrPage page = cdrs.list(tenant, query);
            seen.addAll(page.records());
            pageSizes.add(page.records().size());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.withAfter(page.nextCursor().get());
        }

        assertThat(pageSizes).containsExactly(3, 3, 2);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
        assertThat(seen).extracting(CallRecord::startedAt).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void lastFullPageHasNoCursor() {
        String tenant = RandomTenant.create(dataSource);
        insertAnswered(tenant, "1001", "1002", T0);
        insertAnswered(tenant, "1001", "1002", T0.plusSeconds(1));

        CdrPage page = cdrs.list(tenant, CdrQuery.all().withLimit(2));

        assertThat(page.records()).hasSize(2);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void pagingKeepsTheFilters() {
        String tenant = RandomTenant.create(dataSource);
        for (int i = 0; i < 5; i++) {
            insertAnswered(tenant, "1001", "1002", T0.plusSeconds(i));
            insertAnswered(tenant, "1003", "1004", T0.plusSeconds(i));
        }

        CdrPage first = cdrs.list(tenant, CdrQuery.all().withExtension("1004").withLimit(3));
        CdrPage second = cdrs.list(tenant,
                CdrQuery.all().withExtension("1004").withLimit(3).withAfter(first.nextCursor().orElseThrow()));

        assertThat(first.records()).hasSize(3);
        assertThat(second.records()).hasSize(2);
        assertThat(second.nextCursor()).isEmpty();
        assertThat(second.records()).allSatisfy(cdr -> assertThat(cdr.callee()).isEqualTo("1004"));
    }

    @Test
    void listingOneTenantNeverReturnsAnothersCalls() {
        String tenantA = RandomTenant.create(dataSource);
        String tenantB = RandomTenant.create(dataSource);
        for (int i = 0; i < 3; i++) {
            insertAnswered(tenantA, "1001", "1002", T0.plusSeconds(i));
            insertAnswered(tenantB, "1001", "1002", T0.plusSeconds(i));
        }
        CallRecord bOnly = insertAnswered(tenantB, "1001", "1002", T0.plusSeconds(10));

        List<CdrQuery> queries = List.of(
                CdrQuery.all(),
                CdrQuery.all().withExtension("1001"),
                CdrQuery.all().withDirection(CallDirection.INTERNAL).withDisposition(CallDisposition.ANSWERED),
                CdrQuery.all().withStartedBetween(T0, T0.plusSeconds(60)),
                CdrQuery.all().withLimit(1).withAfter(cdrs.list(tenantB, CdrQuery.all().withLimit(1))
                        .nextCursor().orElseThrow()));
        for (CdrQuery query : queries) {
            assertThat(cdrs.list(tenantA, query).records())
                    .isNotEmpty()
                    .allSatisfy(cdr -> assertThat(cdr.tenantId()).isEqualTo(tenantA));
        }
        assertThat(cdrs.list(tenantA, CdrQuery.all()).records()).hasSize(3);
        assertThat(cdrs.find(tenantA, bOnly.id())).isEmpty();
    }

    @Test
    void rejectsACursorItDidNotMake() {
        assertThatThrownBy(() -> CdrQuery.all().withAfter("not a cursor"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdrQuery.all().withAfter("eHl6"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLimitsOutsideOneToMax() {
        assertThatThrownBy(() -> CdrQuery.all().withLimit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdrQuery.all().withLimit(CdrQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CallRecord insertAnswered(String tenant, String caller, String callee, Instant startedAt) {
        CallRecord cdr = answered(tenant, caller, callee, CallDirection.INTERNAL, startedAt);
        cdrs.insert(cdr);
        return cdr;
    }

    private static CallRecord answered(
            String tenant, String caller, String callee, CallDirection direction, Instant startedAt) {
        return new CallRecord(newId(), tenant, "call-" + UUID.randomUUID(), caller, callee, direction, startedAt,
                Optional.of(startedAt.plusSeconds(3)), startedAt.plusSeconds(33), CallDisposition.ANSWERED,
                "BYE from caller");
    }

    private static CallRecord unanswered(String tenant, String caller, String callee, CallDirection direction,
            Instant startedAt, CallDisposition disposition, String cause) {
        return new CallRecord(newId(), tenant, "call-" + UUID.randomUUID(), caller, callee, direction, startedAt,
                Optional.empty(), startedAt.plusSeconds(10), disposition, cause);
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
