package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code cdrs} table. Every read names the tenant: one tenant never sees another's calls. */
public final class CallRecords {

    private static final String COLUMNS = "id, tenant_id, call_id, caller, callee, direction, started_at, "
            + "answered_at, ended_at, duration_ms, billable_seconds, disposition, cause";

    private final Sql sql;

    public CallRecords(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Stores a finished call; {@link StoreException} if its id is taken or its tenant unknown. */
    public void insert(CallRecord cdr) {
        sql.update("INSERT INTO cdrs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cdr.id(), cdr.tenantId(), cdr.callId(), cdr.caller(), cdr.callee(), cdr.direction().wireName(),
                cdr.startedAt(), cdr.answeredAt(), cdr.endedAt(), cdr.duration().toMillis(), cdr.billableSeconds(),
                cdr.disposition().wireName(), cdr.cause());
    }

    public Optional<CallRecord> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM cdrs WHERE tenant_id = ? AND id = ?",
                CallRecords::read, tenantId, id);
    }

    /** One page of the tenant's records matching the query, newest first. */
    public CdrPage list(String tenantId, CdrQuery query) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(Text.requireNonBlank(tenantId, "tenantId"));
        query.startedFrom().ifPresent(from -> {
            where.append(" AND started_at >= ?");
            parameters.add(from);
        });
        query.startedUntil().ifPresent(until -> {
            where.append(" AND started_at < ?");
            parameters.add(until);
        });
        query.extension().ifPresent(number -> {
            where.append(" AND (caller = ? OR callee = ?)");
            parameters.add(number);
            parameters.add(number);
        });
        query.direction().ifPresent(direction -> {
            where.append(" AND direction = ?");
            parameters.add(direction.wireName());
        });
        query.disposition().ifPresent(disposition -> {
            where.append(" AND disposition = ?");
            parameters.add(disposition.wireName());
        });
        query.after().map(CdrCursor::decode).ifPresent(cursor -> {
            where.append(" AND (started_at < ? OR (started_at = ? AND id < ?))");
            parameters.add(cursor.startedAtMillis());
            parameters.add(cursor.startedAtMillis());
            parameters.add(cursor.id());
        });
        parameters.add(query.limit() + 1); // one more tells whether another page follows
        List<CallRecord> rows = sql.list(
                "SELECT " + COLUMNS + " FROM cdrs" + where + " ORDER BY started_at DESC, id DESC LIMIT ?",
                CallRecords::read, parameters);
        if (rows.size() <= query.limit()) {
            return new CdrPage(rows, Optional.empty());
        }
        List<CallRecord> page = rows.subList(0, query.limit());
        return new CdrPage(page, Optional.of(CdrCursor.after(page.getLast()).encode()));
    }

    private static CallRecord read(ResultSet row) throws SQLException {
        return new CallRecord(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("call_id"),
                row.getString("caller"),
                row.getString("callee"),
                CallDirection.fromWireName(row.getString("direction")),
                Sql.instant(row, "started_at"),
                Sql.optionalInstant(row, "answered_at"),
                Sql.instant(row, "ended_at"),
                CallDisposition.fromWireName(row.getString("disposition")),
                row.getString("cause"));
    }
}
