package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code dids} table. A target extension must exist in the same tenant; a target queue need not. */
public final class Dids {

    private final Sql sql;

    public Dids(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the DID or points the existing one at the new target. */
    public void save(Did did) {
        sql.update("""
                INSERT INTO dids (tenant_id, number, target_extension, target_queue) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, number) DO UPDATE SET target_extension = excluded.target_extension,
                    target_queue = excluded.target_queue
                """, did.tenantId(), did.number(),
                Optional.of(did.target()).filter(DidTarget.Extension.class::isInstance).map(DidTarget::name),
                Optional.of(did.target()).filter(DidTarget.Queue.class::isInstance).map(DidTarget::name));
    }

    public Optional<Did> find(String tenantId, String number) {
        return sql.first("SELECT tenant_id, number, target_extension, target_queue FROM dids WHERE tenant_id = ? AND number = ?",
                Dids::read, tenantId, number);
    }

    /** A tenant's DIDs, by number. */
    public List<Did> list(String tenantId) {
        return sql.list("SELECT tenant_id, number, target_extension, target_queue FROM dids WHERE tenant_id = ? ORDER BY number",
                Dids::read, tenantId);
    }

    public boolean delete(String tenantId, String number) {
        return sql.update("DELETE FROM dids WHERE tenant_id = ? AND number = ?", tenantId, number) > 0;
    }

    private static Did read(ResultSet row) throws SQLException {
        String extension = row.getString("target_extension");
        DidTarget target = extension != null ? new DidTarget.Extension(extension)
                : new DidTarget.Queue(row.getString("target_queue"));
        return new Did(row.getString("tenant_id"), row.getString("number"), target);
    }
}
