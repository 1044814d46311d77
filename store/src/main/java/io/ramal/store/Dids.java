package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code dids} table. The target extension must exist in the same tenant. */
public final class Dids {

    private final Sql sql;

    public Dids(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the DID or points the existing one at the new target. */
    public void save(Did did) {
        sql.update("""
                INSERT INTO dids (tenant_id, number, target_extension) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, number) DO UPDATE SET target_extension = excluded.target_extension
                """, did.tenantId(), did.number(), did.targetExtension());
    }

    public Optional<Did> find(String tenantId, String number) {
        return sql.first("SELECT tenant_id, number, target_extension FROM dids WHERE tenant_id = ? AND number = ?",
                Dids::read, tenantId, number);
    }

    /** A tenant's DIDs, by number. */
    public List<Did> list(String tenantId) {
        return sql.list("SELECT tenant_id, number, target_extension FROM dids WHERE tenant_id = ? ORDER BY number",
                Dids::read, tenantId);
    }

    public boolean delete(String tenantId, String number) {
        return sql.update("DELETE FROM dids WHERE tenant_id = ? AND number = ?", tenantId, number) > 0;
    }

    private static Did read(ResultSet row) throws SQLException {
        return new Did(row.getString("tenant_id"), row.getString("number"), row.getString("target_extension"));
    }
}
