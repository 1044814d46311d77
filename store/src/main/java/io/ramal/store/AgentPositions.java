package io.ramal.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code agent_positions} table: position ids (EPBX "IdPa") and the extension each names. */
public final class AgentPositions {

    private final Sql sql;

    public AgentPositions(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void save(String tenantId, String position, String extension) {
        sql.update("INSERT INTO agent_positions (tenant_id, position, extension) VALUES (?, ?, ?)"
                + " ON CONFLICT (tenant_id, position) DO UPDATE SET extension = excluded.extension",
                tenantId, position, extension);
    }

    /** The extension of the position, if it exists. */
    public Optional<String> find(String tenantId, String position) {
        return sql.first("SELECT extension FROM agent_positions WHERE tenant_id = ? AND position = ?",
                row -> row.getString("extension"), tenantId, position);
    }

    /** Every position of the tenant and its extension, by position. */
    public List<Map.Entry<String, String>> list(String tenantId) {
        return sql.list("SELECT position, extension FROM agent_positions WHERE tenant_id = ? ORDER BY position",
                row -> Map.entry(row.getString("position"), row.getString("extension")), tenantId);
    }

    public boolean delete(String tenantId, String position) {
        return sql.update("DELETE FROM agent_positions WHERE tenant_id = ? AND position = ?", tenantId, position) > 0;
    }
}
