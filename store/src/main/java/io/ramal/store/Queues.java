package io.ramal.store;

import io.ramal.cti.Language;
import io.ramal.cti.queue.MembershipChange;
import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueMember;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.Strategy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The {@code queues} and {@code queue_members} tables: each tenant's queue definitions and the agents'
 * memberships (priority, pause in the queue). A membership goes with its queue and with its user.
 */
public final class Queues {

    private static final String COLUMNS = "name, strategy, ring_timeout_ms, max_wait_ms, overflow_to, wrap_up_ms,"
            + " max_callers, announce_every_ms, service_level_ms, number, language, announce_wait";
    private static final String MEMBER = "SELECT m.queue_name, m.user_id, u.username, m.priority, m.joined_at,"
            + " m.paused, m.pause_reason, m.paused_at FROM queue_members m JOIN users u ON u.id = m.user_id";

    private final DataSource dataSource;
    private final Sql sql;

    public Queues(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    /**
     * Inserts the queue or replaces the settings of the one with its name (its members stay). A number
     * another queue of the tenant has already is refused ({@link StoreException}).
     */
    public void save(String tenantId, QueueSettings q, Instant now) {
        sql.update("INSERT INTO queues (tenant_id, " + COLUMNS + ", created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, name) DO UPDATE SET strategy = excluded.strategy,"
                + " ring_timeout_ms = excluded.ring_timeout_ms, max_wait_ms = excluded.max_wait_ms,"
                + " overflow_to = excluded.overflow_to, wrap_up_ms = excluded.wrap_up_ms,"
                + " max_callers = excluded.max_callers, announce_every_ms = excluded.announce_every_ms,"
                + " service_level_ms = excluded.service_level_ms, number = excluded.number,"
                + " language = excluded.language, announce_wait = excluded.announce_wait",
                tenantId, q.name(), q.strategy().wire(), q.ringTimeout().toMillis(),
                q.maxWait().map(Duration::toMillis), q.overflow().map(OverflowTarget::toString), q.wrapUp().toMillis(),
                q.maxCallers().isPresent() ? Optional.of(q.maxCallers().getAsInt()) : Optional.empty(),
                q.announceEvery().map(Duration::toMillis), q.serviceLevel().toMillis(), q.number(),
                q.language().wire(), q.announceWait() ? 1 : 0, now);
    }

    public Optional<QueueSettings> find(String tenantId, String name) {
        return sql.first("SELECT " + COLUMNS + " FROM queues WHERE tenant_id = ? AND name = ?", Queues::read,
                tenantId, name);
    }

    /** The queue of the tenant that phones reach by dialling {@code number}. */
    public Optional<QueueSettings> byNumber(String tenantId, String number) {
        return sql.first("SELECT " + COLUMNS + " FROM queues WHERE tenant_id = ? AND number = ?", Queues::read,
                tenantId, number);
    }

    /** A tenant's queues, by name. */
    public List<QueueSettings> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM queues WHERE tenant_id = ? ORDER BY name", Queues::read,
                tenantId);
    }

    /**
     * Sets (or, empty, removes) the announcement of queue {@code name}: the reference of an uploaded prompt.
     * False when the tenant has no such queue. Saving a queue's settings keeps its announcement.
     */
    public boolean useAnnouncement(String tenantId, String name, Optional<String> reference) {
        return sql.update("UPDATE queues SET announcement = ? WHERE tenant_id = ? AND name = ?", reference, tenantId,
                name) > 0;
    }

    /** The announcement reference of queue {@code name}; empty when it has none (or there is no such queue). */
    public Optional<String> announcement(String tenantId, String name) {
        return sql.first("SELECT announcement FROM queues WHERE tenant_id = ? AND name = ?"
                + " AND announcement IS NOT NULL", row -> row.getString("announcement"), tenantId, name);
    }

    /** The announcement references of a tenant's queues, by queue name (queues without one are absent). */
    public Map<String, String> announcements(String tenantId) {
        Map<String, String> byQueue = new LinkedHashMap<>();
        sql.list("SELECT name, announcement FROM queues WHERE tenant_id = ? AND announcement IS NOT NULL"
                + " ORDER BY name", row -> Map.entry(row.getString("name"), row.getString("announcement")), tenantId)
                .forEach(e -> byQueue.put(e.getKey(), e.getValue()));
        return byQueue;
    }

    /** Deletes the queue and its memberships. */
    public boolean delete(String tenantId, String name) {
        return Sql.inTransaction(dataSource, "delete queue", connection -> {
            try (PreparedStatement members = connection.prepareStatement(
                    "DELETE FROM queue_members WHERE tenant_id = ? AND queue_name = ?");
                    PreparedStatement queue = connection.prepareStatement(
                            "DELETE FROM queues WHERE tenant_id = ? AND name = ?")) {
                members.setString(1, tenantId);
                members.setString(2, name);
                members.executeUpdate();
                queue.setString(1, tenantId);
                queue.setString(2, name);
                return queue.executeUpdate() > 0;
            }
        });
    }

    /** The members of a tenant's queues (of every queue), by queue and join time. */
    public List<QueueMember> members(String tenantId) {
        return sql.list(MEMBER + " WHERE m.tenant_id = ? ORDER BY m.queue_name, m.joined_at, m.user_id",
                Queues::readMember, tenantId);
    }

    /** Stores membership changes, in order, in one transaction. */
    public void apply(String tenantId, List<MembershipChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Sql.inTransaction(dataSource, "store queue memberships", connection -> {
            try (PreparedStatement save = connection.prepareStatement("INSERT INTO queue_members (tenant_id,"
                    + " queue_name, user_id, priority, joined_at, paused, pause_reason, paused_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, queue_name, user_id) DO UPDATE SET"
                    + " priority = excluded.priority, paused = excluded.paused, pause_reason = excluded.pause_reason,"
                    + " paused_at = excluded.paused_at");
                    PreparedStatement remove = connection.prepareStatement(
                            "DELETE FROM queue_members WHERE tenant_id = ? AND queue_name = ? AND user_id = ?")) {
                for (MembershipChange change : changes) {
                    switch (change) {
                        case MembershipChange.Saved saved -> {
                            QueueMember m = saved.member();
                            save.setString(1, tenantId);
                            save.setString(2, m.queue());
                            save.setString(3, m.agentId());
                            save.setInt(4, m.priority());
                            save.setLong(5, m.joinedAt().toEpochMilli());
                            save.setInt(6, m.paused() ? 1 : 0);
                            Optional<String> reason = m.pause().flatMap(QueueMember.Pause::reason);
                            if (reason.isPresent()) {
                                save.setString(7, reason.get());
                            } else {
                                save.setNull(7, Types.VARCHAR);
                            }
                            if (m.pause().isPresent()) {
                                save.setLong(8, m.pause().get().since().toEpochMilli());
                            } else {
                                save.setNull(8, Types.BIGINT);
                            }
                            save.executeUpdate();
                        }
                        case MembershipChange.Removed removed -> {
                            remove.setString(1, tenantId);
                            remove.setString(2, removed.queue());
                            remove.setString(3, removed.agentId());
                            remove.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    private static QueueSettings read(ResultSet row) throws SQLException {
        long maxCallers = row.getLong("max_callers");
        OptionalInt callers = row.wasNull() ? OptionalInt.empty() : OptionalInt.of((int) maxCallers);
        return new QueueSettings(row.getString("name"), Strategy.fromWire(row.getString("strategy")),
                Duration.ofMillis(row.getLong("ring_timeout_ms")), millis(row, "max_wait_ms"),
                Sql.optionalString(row, "overflow_to").map(OverflowTarget::parse),
                Duration.ofMillis(row.getLong("wrap_up_ms")), callers, millis(row, "announce_every_ms"),
                Duration.ofMillis(row.getLong("service_level_ms")), Sql.optionalString(row, "number"),
                Language.fromWire(row.getString("language")), row.getInt("announce_wait") == 1);
    }

    private static QueueMember readMember(ResultSet row) throws SQLException {
        Optional<QueueMember.Pause> pause = row.getInt("paused") == 1
                ? Optional.of(new QueueMember.Pause(Sql.optionalString(row, "pause_reason"),
                        Sql.instant(row, "paused_at")))
                : Optional.empty();
        return new QueueMember(row.getString("queue_name"), row.getString("user_id"), row.getString("username"),
                row.getInt("priority"), Sql.instant(row, "joined_at"), pause);
    }

    private static Optional<Duration> millis(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(value));
    }
}
