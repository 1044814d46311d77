package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code dids} table. A target extension or menu must exist in the same tenant; a target queue
 * need not.
 */
public final class Dids {

    private static final String COLUMNS = "tenant_id, number, target_extension, target_queue, target_ivr";

    private final Sql sql;

    public Dids(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the DID or points the existing one at the new target. */
    public void save(Did did) {
        sql.update("""
                INSERT INTO dids (tenant_id, number, target_extension, target_queue, target_ivr) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, number) DO UPDATE SET target_extension = excluded.target_extension,
                    target_queue = excluded.target_queue, target_ivr = excluded.target_ivr
                """, did.tenantId(), did.number(),
                Optional.of(did.target()).filter(DidTarget.Extension.class::isInstance).map(DidTarget::name),
                Optional.of(did.target()).filter(DidTarget.Queue.class::isInstance).map(DidTarget::name),
                Optional.of(did.target()).filter(DidTarget.Ivr.class::isInstance).map(DidTarget::name));
    }

    public Optional<Did> find(String tenantId, String number) {
        return sql.first("SELECT " + COLUMNS + " FROM dids WHERE tenant_id = ? AND number = ?",
                Dids::read, tenantId, number);
    }

    /** A tenant's DIDs, by number. */
    public List<Did> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM dids WHERE tenant_id = ? ORDER BY number",
                Dids::read, tenantId);
    }

    /** The tenant's DIDs that lead to voice menu {@code menu}, by number. */
    public List<String> leadingTo(String tenantId, String menu) {
        return sql.list("SELECT number FROM dids WHERE tenant_id = ? AND target_ivr = ? ORDER BY number",
                row -> row.getString("number"), tenantId, menu);
    }

    public boolean delete(String tenantId, String number) {
        return sql.update("DELETE FROM dids WHERE tenant_id = ? AND number = ?", tenantId, number) > 0;
    }

    private static Did read(ResultSet row) throws SQLException {
        String extension = row.getString("target_extension");
        String queue = row.getString("target_queue");
        DidTarget target = extension != null ? new DidTarget.Extension(extension)
                : queue != null ? new DidTarget.Queue(queue) : new DidTarget.Ivr(row.getString("target_ivr"));
        return new Did(row.getString("tenant_id"), row.getString("number"), target);
    }
}
