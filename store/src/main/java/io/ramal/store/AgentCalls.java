package io.ramal.store;

import io.ramal.cti.agent.HandledCall;
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
 * The calls agents handled ({@code agent_calls}), written as each ends for its agent and read back by
 * the time of their answer for the agent statistics. A row is never changed; writing the same call,
 * agent and answer again adds nothing.
 */
public final class AgentCalls {

    /** The most rows one read returns. */
    public static final int MAX_ROWS = 100_000;
    private static final String COLUMNS = "tenant_id, call_id, agent_id, username, session_id, device, queue,"
            + " delivered_at, answered_at, ended_at, wrap_up_ms";
    private final DataSource dataSource;
    private final Sql sql;

    public AgentCalls(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    /** Stores the calls in one transaction. */
    public void add(List<HandledCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        Sql.inTransaction(dataSource, "store handled calls", connection -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO agent_calls (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (HandledCall call : calls) {
                    s.setString(1, call.tenant());
                    s.setString(2, call.callId());
                    s.setString(3, call.agentId());
                    s.setString(4, call.username());
                    s.setString(5, call.sessionId());
                    s.setString(6, call.device());
                    if (call.queue().isPresent()) {
                        s.setString(7, call.queue().get());
                    } else {
                        s.setNull(7, Types.VARCHAR);
                    }
                    s.setLong(8, call.deliveredAt().toEpochMilli());
                    s.setLong(9, call.answeredAt().toEpochMilli());
                    s.setLong(10, call.endedAt().toEpochMilli());
                    s.setLong(11, call.wrapUp().toMillis());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * The tenant's calls answered in {@code [from, to)}, of one agent or of all, oldest answer first; at
     * most {@link #MAX_ROWS}.
     */
    public List<HandledCall> answered(String tenantId, Optional<String> agentId, Instant from, Instant to) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ? AND answered_at >= ? AND answered_at < ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId, from.toEpochMilli(), to.toEpochMilli()));
        agentId.ifPresent(agent -> {
            where.append(" AND agent_id = ?");
            parameters.add(agent);
        });
        parameters.add(MAX_ROWS);
        return sql.list("SELECT " + COLUMNS + " FROM agent_calls" + where + " ORDER BY answered_at, call_id LIMIT ?",
                AgentCalls::read, parameters);
    }

    private static HandledCall read(ResultSet row) throws SQLException {
        return new HandledCall(row.getString("tenant_id"), row.getString("agent_id"), row.getString("username"),
                row.getString("session_id"), row.getString("device"), row.getString("call_id"),
                Sql.optionalString(row, "queue"), Sql.instant(row, "delivered_at"), Sql.instant(row, "answered_at"),
                Sql.instant(row, "ended_at"), Duration.ofMillis(row.getLong("wrap_up_ms")));
    }
}
