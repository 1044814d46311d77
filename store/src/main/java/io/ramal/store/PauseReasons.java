package io.ramal.store;

import io.ramal.cti.agent.PauseReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code pause_reasons} table: each tenant's catalogue of pause reasons. */
public final class PauseReasons {

    private static final String COLUMNS = "id, name, productive, may_place_calls, may_receive_calls, group_names, "
            + "max_duration_ms";
    private final Sql sql;

    public PauseReasons(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the reason or replaces the one with its id. A name used by another reason is refused. */
    public void save(String tenantId, PauseReason reason) {
        sql.update("INSERT INTO pause_reasons (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name,"
                + " productive = excluded.productive, may_place_calls = excluded.may_place_calls,"
                + " may_receive_calls = excluded.may_receive_calls, group_names = excluded.group_names,"
                + " max_duration_ms = excluded.max_duration_ms",
                tenantId, reason.id(), reason.name(), reason.productive(), reason.mayPlaceCalls(),
                reason.mayReceiveCalls(), SpaceSeparated.join(reason.groups()),
                reason.maxDuration().map(Duration::toMillis));
    }

    public Optional<PauseReason> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM pause_reasons WHERE tenant_id = ? AND id = ?",
                PauseReasons::read, tenantId, id);
    }

    public Optional<PauseReason> findByName(String tenantId, String name) {
        return sql.first("SELECT " + COLUMNS + " FROM pause_reasons WHERE tenant_id = ? AND name = ?",
                PauseReasons::read, tenantId, name);
    }

    /** A tenant's reasons, by name. */
    public List<PauseReason> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM pause_reasons WHERE tenant_id = ? ORDER BY name",
                PauseReasons::read, tenantId);
    }

    public boolean delete(String tenantId, String id) {
        return sql.update("DELETE FROM pause_reasons WHERE tenant_id = ? AND id = ?", tenantId, id) > 0;
    }

    static PauseReason read(ResultSet row) throws SQLException {
        long max = row.getLong("max_duration_ms");
        Optional<Duration> maxDuration = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(max));
        return new PauseReason(row.getString("id"), row.getString("name"), row.getInt("productive") == 1,
                row.getInt("may_place_calls") == 1, row.getInt("may_receive_calls") == 1,
                SpaceSeparated.split(row.getString("group_names")), maxDuration);
    }
}
