package io.ramal.store;

import io.ramal.cti.agent.Interval;
import io.ramal.cti.agent.IntervalEnd;
import io.ramal.cti.agent.IntervalState;
import io.ramal.cti.agent.LedgerChange;
import io.ramal.cti.agent.LogonKind;
import io.ramal.cti.agent.PauseReason;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The interval ledger ({@code agent_intervals}): every stretch of time an agent spent available, in
 * a pause reason or logged out. Rows are written as the roster emits {@link LedgerChange}s, each
 * batch in one transaction; open rows are what a restarted server takes up again.
 */
public final class AgentIntervals {

    private static final String COLUMNS = "id, tenant_id, agent_id, username, device, session_id, logon_type,"
            + " logon_value, state, reason_id, reason_name, reason_productive, reason_may_place, reason_may_receive,"
            + " reason_groups, reason_max_ms, started_at, ended_at, ended_by, opened_by";
    private final DataSource dataSource;
    private final Sql sql;

    public AgentIntervals(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    /** Stores the changes in order, in one transaction. */
    public void apply(String tenantId, List<LedgerChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Sql.inTransaction(dataSource, "store agent intervals", connection -> {
            for (LedgerChange change : changes) {
                switch (change) {
                    case LedgerChange.Opened opened -> insert(connection, opened.interval());
                    case LedgerChange.Closed closed -> close(connection, tenantId, closed);
                }
            }
            return null;
        });
    }

    /** The tenant's open rows (at most one per agent), oldest first. */
    public List<Interval> open(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM agent_intervals WHERE tenant_id = ? AND ended_at IS NULL"
                + " ORDER BY started_at, id", AgentIntervals::read, tenantId);
    }

    public Optional<Interval> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM agent_intervals WHERE tenant_id = ? AND id = ?",
                AgentIntervals::read, tenantId, id);
    }

    /** One page of the tenant's rows; {@link IllegalArgumentException} for a cursor this class did not make. */
    public IntervalPage list(String tenantId, IntervalQuery query) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenantId));
        query.agentId().ifPresent(agent -> {
            where.append(" AND agent_id = ?");
            parameters.add(agent);
        });
        query.to().ifPresent(to -> {
            where.append(" AND started_at < ?");
            parameters.add(to);
        });
        query.from().ifPresent(from -> {
            where.append(" AND (ended_at IS NULL OR ended_at > ?)");
            parameters.add(from);
        });
        if (query.cursor().isPresent()) {
            String[] after = decode(query.cursor().get());
            where.append(" AND (started_at > ? OR (started_at = ? AND id > ?))");
            long millis = Long.parseLong(after[0]);
            parameters.add(millis);
            parameters.add(millis);
            parameters.add(after[1]);
        }
        parameters.add(query.limit() + 1);
        List<Interval> rows = sql.list("SELECT " + COLUMNS + " FROM agent_intervals" + where
                + " ORDER BY started_at, id LIMIT ?", AgentIntervals::read, parameters);
        if (rows.size() <= query.limit()) {
            return new IntervalPage(rows, Optional.empty());
        }
        List<Interval> page = rows.subList(0, query.limit());
        Interval last = page.getLast();
        return new IntervalPage(page, Optional.of(encode(last.startedAt().toEpochMilli() + ":" + last.id())));
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 1 || colon == plain.length() - 1) {
                throw new IllegalArgumentException("malformed interval cursor");
            }
            Long.parseLong(plain.substring(0, colon));
            return new String[] {plain.substring(0, colon), plain.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed interval cursor: " + cursor, e);
        }
    }

    private static void insert(Connection connection, Interval i) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO agent_intervals (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Optional<PauseReason> r = i.reason();
            s.setString(1, i.id());
            s.setString(2, i.tenant());
            s.setString(3, i.agentId());
            s.setString(4, i.username());
            text(s, 5, i.device());
            text(s, 6, i.sessionId());
            text(s, 7, i.logon().map(l -> l.kind().wire()));
            text(s, 8, i.logon().map(Interval.Logon::value));
            s.setString(9, i.state().wire());
            text(s, 10, r.map(PauseReason::id));
            text(s, 11, r.map(PauseReason::name));
            number(s, 12, r.map(x -> x.productive() ? 1L : 0L));
            number(s, 13, r.map(x -> x.mayPlaceCalls() ? 1L : 0L));
            number(s, 14, r.map(x -> x.mayReceiveCalls() ? 1L : 0L));
            text(s, 15, r.map(x -> SpaceSeparated.join(x.groups())));
            number(s, 16, r.flatMap(PauseReason::maxDuration).map(Duration::toMillis));
            s.setLong(17, i.startedAt().toEpochMilli());
            number(s, 18, i.endedAt().map(Instant::toEpochMilli));
            text(s, 19, i.endedBy().map(IntervalEnd::wire));
            s.setString(20, i.openedBy());
            s.executeUpdate();
        }
    }

    private static void close(Connection connection, String tenantId, LedgerChange.Closed closed) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE agent_intervals SET ended_at = ?, ended_by = ?"
                + " WHERE tenant_id = ? AND id = ? AND ended_at IS NULL")) {
            s.setLong(1, closed.at().toEpochMilli());
            s.setString(2, closed.how().wire());
            s.setString(3, tenantId);
            s.setString(4, closed.intervalId());
            s.executeUpdate();
        }
    }

    private static void text(PreparedStatement s, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            s.setString(index, value.get());
        } else {
            s.setNull(index, Types.VARCHAR);
        }
    }

    private static void number(PreparedStatement s, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    static Interval read(ResultSet row) throws SQLException {
        Optional<PauseReason> reason = Optional.empty();
        String reasonId = row.getString("reason_id");
        if (reasonId != null) {
            long max = row.getLong("reason_max_ms");
            Optional<Duration> maxDuration = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(max));
            reason = Optional.of(new PauseReason(reasonId, row.getString("reason_name"),
                    row.getInt("reason_productive") == 1, row.getInt("reason_may_place") == 1,
                    row.getInt("reason_may_receive") == 1, SpaceSeparated.split(row.getString("reason_groups")),
                    maxDuration));
        }
        Optional<Interval.Logon> logon = Optional.empty();
        String logonType = row.getString("logon_type");
        if (logonType != null) {
            logon = Optional.of(new Interval.Logon(LogonKind.fromWire(logonType).orElseThrow(),
                    row.getString("logon_value")));
        }
        Optional<String> endedBy = Sql.optionalString(row, "ended_by");
        return new Interval(row.getString("id"), row.getString("tenant_id"), row.getString("agent_id"),
                row.getString("username"), Sql.optionalString(row, "device"), Sql.optionalString(row, "session_id"),
                logon, IntervalState.fromWire(row.getString("state")).orElseThrow(), reason,
                Sql.instant(row, "started_at"), Sql.optionalInstant(row, "ended_at"),
                endedBy.map(e -> IntervalEnd.fromWire(e).orElseThrow()), row.getString("opened_by"));
    }
}
