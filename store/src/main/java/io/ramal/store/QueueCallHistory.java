package io.ramal.store;

import io.ramal.cti.queue.OverflowTarget;
import io.ramal.cti.queue.QueueCall;
import io.ramal.cti.queue.QueueCaller;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The passages of callers through the queues ({@code queue_calls}), written as each outcome becomes known
 * and read back by the time the caller entered, for the queue statistics. Writing a passage again (same
 * tenant, call, queue and entry) replaces it with its later state.
 */
public final class QueueCallHistory {

    /** The most rows one read returns. */
    public static final int MAX_ROWS = 100_000;
    private static final String COLUMNS = "tenant_id, call_id, queue, entered_at, outcome, left_at, agent_id,"
            + " username, device, service_level_ms, ended_at, destination";
    private final DataSource dataSource;
    private final Sql sql;

    public QueueCallHistory(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    /** Stores the passages in one transaction, in order (a later state of the same passage wins). */
    public void record(List<QueueCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        Sql.inTransaction(dataSource, "store queue calls", connection -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO queue_calls (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (tenant_id, call_id, queue, entered_at) DO UPDATE SET outcome = excluded.outcome,"
                    + " left_at = excluded.left_at, agent_id = excluded.agent_id, username = excluded.username,"
                    + " device = excluded.device, service_level_ms = excluded.service_level_ms,"
                    + " ended_at = excluded.ended_at, destination = excluded.destination")) {
                for (QueueCall call : calls) {
                    Optional<QueueCaller.Ringing> by = call.answeredBy();
                    s.setString(1, call.tenant());
                    s.setString(2, call.callId());
                    s.setString(3, call.queue());
                    s.setLong(4, call.enteredAt().toEpochMilli());
                    s.setString(5, call.outcome().wire());
                    instant(s, 6, call.leftAt());
                    text(s, 7, by.map(QueueCaller.Ringing::agentId));
                    text(s, 8, by.map(QueueCaller.Ringing::username));
                    text(s, 9, by.map(QueueCaller.Ringing::device));
                    s.setLong(10, call.serviceLevel().toMillis());
                    instant(s, 11, call.endedAt());
                    text(s, 12, call.destination().map(OverflowTarget::toString));
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * The tenant's passages that entered in {@code [from, to)}, of one queue or of all, oldest entry first;
     * at most {@link #MAX_ROWS}.
     */
    public List<QueueCall> entered(String tenantId, Optional<String> queue, Instant from, Instant to) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ? AND entered_at >= ? AND entered_at < ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId, from.toEpochMilli(), to.toEpochMilli()));
        queue.ifPresent(name -> {
            where.append(" AND queue = ?");
            parameters.add(name);
        });
        parameters.add(MAX_ROWS);
        return sql.list("SELECT " + COLUMNS + " FROM queue_calls" + where
                + " ORDER BY entered_at, call_id, queue LIMIT ?", QueueCallHistory::read, parameters);
    }

    private static QueueCall read(ResultSet row) throws SQLException {
        Optional<String> agentId = Sql.optionalString(row, "agent_id");
        Optional<QueueCaller.Ringing> by = agentId.isEmpty() ? Optional.empty()
                : Optional.of(new QueueCaller.Ringing(agentId.get(), row.getString("username"),
                        row.getString("device")));
        return new QueueCall(row.getString("tenant_id"), row.getString("call_id"), row.getString("queue"),
                Sql.instant(row, "entered_at"), QueueCall.Outcome.fromWire(row.getString("outcome")),
                Sql.optionalInstant(row, "left_at"), by, Duration.ofMillis(row.getLong("service_level_ms")),
                Sql.optionalInstant(row, "ended_at"),
                Sql.optionalString(row, "destination").map(OverflowTarget::parse));
    }

    private static void instant(PreparedStatement s, int index, Optional<Instant> at) throws SQLException {
        if (at.isPresent()) {
            s.setLong(index, at.get().toEpochMilli());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    private static void text(PreparedStatement s, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }
}
