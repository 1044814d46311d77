package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code tenants} table. */
public final class Tenants {

    private final Sql sql;

    public Tenants(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the tenant, or renames an existing one (its creation time is kept). */
    public void save(Tenant tenant) {
        sql.update("""
                INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name
                """, tenant.id(), tenant.name(), tenant.createdAt());
    }

    public Optional<Tenant> find(String id) {
        return sql.first("SELECT id, name, created_at FROM tenants WHERE id = ?", Tenants::read, id);
    }

    /** All tenants, by id. */
    public List<Tenant> list() {
        return sql.list("SELECT id, name, created_at FROM tenants ORDER BY id", Tenants::read);
    }

    /** Whether the tenant's calls are recorded unasked ({@link RecordingPolicy#ON_DEMAND} for an unknown tenant). */
    public RecordingPolicy recordingPolicy(String id) {
        return sql.first("SELECT record_policy FROM tenants WHERE id = ?",
                row -> RecordingPolicy.fromWireName(row.getString("record_policy")), id)
                .orElse(RecordingPolicy.ON_DEMAND);
    }

    /** Sets the tenant's recording policy; false if there is no such tenant. */
    public boolean saveRecordingPolicy(String id, RecordingPolicy policy) {
        return sql.update("UPDATE tenants SET record_policy = ? WHERE id = ?", policy.wireName(), id) > 0;
    }

    /**
     * Disables the tenant (it keeps its data but serves nothing: no SIP domain, trunk or API
     * access) or enables it again; false if there is no such tenant.
     */
    public boolean setDisabled(String id, boolean disabled) {
        return sql.update("UPDATE tenants SET disabled = ? WHERE id = ?", disabled, id) > 0;
    }

    /** Whether the tenant is disabled ({@code false} for an unknown tenant: nothing to refuse there). */
    public boolean disabled(String id) {
        return sql.first("SELECT disabled FROM tenants WHERE id = ?", row -> row.getInt("disabled") == 1, id)
                .orElse(false);
    }

    /** The ids of the disabled tenants. */
    public java.util.Set<String> disabledIds() {
        return java.util.Set.copyOf(sql.list("SELECT id FROM tenants WHERE disabled = 1", row -> row.getString("id")));
    }

    /** Deletes the tenant and everything it owns; false if there was none. */
    public boolean delete(String id) {
        return sql.update("DELETE FROM tenants WHERE id = ?", id) > 0;
    }

    private static Tenant read(ResultSet row) throws SQLException {
        return new Tenant(row.getString("id"), row.getString("name"), Sql.instant(row, "created_at"));
    }
}
