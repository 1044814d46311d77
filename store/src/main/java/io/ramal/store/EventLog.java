package io.ramal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code event_log} and {@code event_log_heads} tables: each tenant's events in the order they
 * happened, numbered 1, 2, 3… ({@code seq}) without gaps, kept until {@link EventRetention}
 * prunes them. Every read names the tenant.
 *
 * <p>An append takes its seq values from the tenant's head row in the same transaction that
 * inserts the events: on PostgreSQL the row lock orders concurrent appenders (of this process or
 * another) and they commit in seq order; on SQLite the database's single writer does the same.
 * A failed append gives its numbers back. Callers that fan events out in seq order still need
 * their own per-tenant ordering between commit and fan-out.
 */
public final class EventLog {

    private static final String COLUMNS = "tenant_id, seq, id, ts, type, call_id, device, payload";

    /**
     * Work that must commit or roll back together with appended events (a webhook outbox, for
     * instance): it runs on the appending transaction after the events are inserted, and must
     * neither commit nor close the connection. If it throws, nothing of the append is kept.
     */
    @FunctionalInterface
    public interface Enlistment {
        Enlistment NONE = (transaction, events) -> {};

        void enlist(Connection transaction, List<StoredEvent> events) throws SQLException;
    }

    private final DataSource dataSource;
    private final InstantSource clock;

    public EventLog(DataSource dataSource, InstantSource clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends one event; see {@link #appendAll}. */
    public StoredEvent append(String tenantId, EventDraft draft) {
        return appendAll(tenantId, List.of(draft)).getFirst();
    }

    /**
     * Appends the events in one transaction, in the given order, with consecutive seq values and
     * one timestamp; returns them as stored once committed. {@link StoreException} (and nothing
     * stored) if the tenant does not exist or the database fails.
     */
    public List<StoredEvent> appendAll(String tenantId, List<EventDraft> drafts) {
        return appendAll(tenantId, drafts, Enlistment.NONE);
    }

    /**
     * As {@link #appendAll(String, List)}, with {@code enlistment} run on the same transaction
     * after the inserts, so its rows exist exactly when the events do.
     */
    public List<StoredEvent> appendAll(String tenantId, List<EventDraft> drafts, Enlistment enlistment) {
        Objects.requireNonNull(enlistment, "enlistment");
        Text.requireNonBlank(tenantId, "tenantId");
        List<EventDraft> batch = List.copyOf(drafts);
        if (batch.isEmpty()) {
            return List.of();
        }
        Instant ts = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return inTransaction("append events", connection -> {
            long last = advanceHead(connection, tenantId, batch.size());
            long seq = last - batch.size() + 1;
            List<StoredEvent> stored = new ArrayList<>(batch.size());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO event_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (EventDraft draft : batch) {
                    StoredEvent event = new StoredEvent(tenantId, seq++, UUID.randomUUID().toString(), ts,
                            draft.type(), draft.callId(), draft.device(), draft.payload());
                    insert.setString(1, event.tenantId());
                    insert.setLong(2, event.seq());
                    insert.setString(3, event.id());
                    insert.setLong(4, event.ts().toEpochMilli());
                    insert.setString(5, event.type());
                    setOptional(insert, 6, event.callId());
                    setOptional(insert, 7, event.device());
                    insert.setString(8, event.payload());
                    insert.addBatch();
                    stored.add(event);
                }
                insert.executeBatch();
            }
            List<StoredEvent> appended = List.copyOf(stored);
            enlistment.enlist(connection, appended);
            return appended;
        });
    }

    /** Up to {@code limit} of the tenant's events with a seq above {@code seq}, in seq order. */
    public List<StoredEvent> after(String tenantId, long seq, int limit) {
        Text.requireNonBlank(tenantId, "tenantId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        String sql = "SELECT " + COLUMNS + " FROM event_log WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenantId);
            select.setLong(2, seq);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<StoredEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(read(rows));
                }
                return events;
            }
        } catch (SQLException e) {
            throw StoreException.of(sql, e);
        }
    }

    /** Where the tenant's log stands; a tenant that never appended has an empty head (0, 0). */
    public EventLogHead head(String tenantId) {
        Text.requireNonBlank(tenantId, "tenantId");
        String sql = "SELECT last_seq, pruned_through FROM event_log_heads WHERE tenant_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenantId);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? new EventLogHead(tenantId, row.getLong("last_seq"), row.getLong("pruned_through"))
                        : new EventLogHead(tenantId, 0, 0);
            }
        } catch (SQLException e) {
            throw StoreException.of(sql, e);
        }
    }

    /**
     * Removes the tenant's events that {@code retention} no longer keeps — always the oldest ones,
     * so the log stays one unbroken run of seq values — and records how far it pruned. Returns
     * how many events were removed.
     */
    public long prune(String tenantId, EventRetention retention) {
        Text.requireNonBlank(tenantId, "tenantId");
        Objects.requireNonNull(retention, "retention");
        Instant now = clock.instant();
        return inTransaction("prune events", connection -> {
            long cutoff = 0;
            if (retention.maxEvents().isPresent()) {
                long last = queryLong(connection,
                        "SELECT last_seq FROM event_log_heads WHERE tenant_id = ?", tenantId, Optional.empty());
                cutoff = Math.max(cutoff, last - retention.maxEvents().get());
            }
            if (retention.maxAge().isPresent()) {
                long oldest = now.minus(retention.maxAge().get()).toEpochMilli();
                cutoff = Math.max(cutoff, queryLong(connection,
                        "SELECT MAX(seq) FROM event_log WHERE tenant_id = ? AND ts < ?", tenantId, Optional.of(oldest)));
            }
            long pruned = queryLong(connection,
                    "SELECT pruned_through FROM event_log_heads WHERE tenant_id = ?", tenantId, Optional.empty());
            if (cutoff <= pruned) {
                return 0L;
            }
            int removed;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM event_log WHERE tenant_id = ? AND seq <= ?")) {
                delete.setString(1, tenantId);
                delete.setLong(2, cutoff);
                removed = delete.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE event_log_heads SET pruned_through = ? WHERE tenant_id = ? AND pruned_through < ?")) {
                update.setLong(1, cutoff);
                update.setString(2, tenantId);
                update.setLong(3, cutoff);
                update.executeUpdate();
            }
            return (long) removed;
        });
    }

    /** {@link #prune} for every tenant with a log; returns how many events were removed in all. */
    public long pruneAll(EventRetention retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.maxAge().isEmpty() && retention.maxEvents().isEmpty()) {
            return 0;
        }
        String sql = "SELECT tenant_id FROM event_log_heads ORDER BY tenant_id";
        List<String> tenants = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tenants.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw StoreException.of(sql, e);
        }
        long removed = 0;
        for (String tenant : tenants) {
            removed += prune(tenant, retention);
        }
        return removed;
    }

    /** Reserves {@code count} seq values for the tenant; returns the last of them. */
    private static long advanceHead(Connection connection, String tenantId, int count) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO event_log_heads (tenant_id, last_seq, pruned_through) VALUES (?, ?, 0)
                ON CONFLICT (tenant_id) DO UPDATE SET last_seq = event_log_heads.last_seq + excluded.last_seq
                """)) {
            upsert.setString(1, tenantId);
            upsert.setLong(2, count);
            upsert.executeUpdate();
        }
        return queryLong(connection, "SELECT last_seq FROM event_log_heads WHERE tenant_id = ?",
                tenantId, Optional.empty());
    }

    /** The first column of the first row as a long; 0 when there is no row or it is NULL. */
    private static long queryLong(Connection connection, String sql, String tenantId, Optional<Long> second)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, tenantId);
            if (second.isPresent()) {
                select.setLong(2, second.get());
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private <T> T inTransaction(String what, Sql.Work<T> work) {
        return Sql.inTransaction(dataSource, what, work);
    }

    private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(
                row.getString("tenant_id"),
                row.getLong("seq"),
                row.getString("id"),
                Sql.instant(row, "ts"),
                row.getString("type"),
                Sql.optionalString(row, "call_id"),
                Sql.optionalString(row, "device"),
                row.getString("payload"));
    }
}
