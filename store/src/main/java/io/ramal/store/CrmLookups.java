package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code crm_lookups} table: at most one CRM lookup per tenant. */
public final class CrmLookups {

    private static final String COLUMNS = "tenant_id, url_template, headers, timeout_ms, cache_ttl_ms, enabled, updated_at";

    private final Sql sql;

    public CrmLookups(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Optional<CrmLookup> find(String tenantId) {
        return sql.first("SELECT " + COLUMNS + " FROM crm_lookups WHERE tenant_id = ?", CrmLookups::read, tenantId);
    }

    /** Sets the tenant's lookup, replacing the one it had. */
    public void put(CrmLookup lookup) {
        sql.update("INSERT INTO crm_lookups (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET url_template = excluded.url_template,"
                + " headers = excluded.headers, timeout_ms = excluded.timeout_ms, cache_ttl_ms = excluded.cache_ttl_ms,"
                + " enabled = excluded.enabled, updated_at = excluded.updated_at",
                lookup.tenantId(), lookup.urlTemplate(), lookup.headers(), lookup.timeout().toMillis(),
                lookup.cacheTtl().toMillis(), lookup.enabled(), lookup.updatedAt());
    }

    /** Removes the tenant's lookup; false if it had none. */
    public boolean delete(String tenantId) {
        return sql.update("DELETE FROM crm_lookups WHERE tenant_id = ?", tenantId) > 0;
    }

    private static CrmLookup read(ResultSet row) throws SQLException {
        return new CrmLookup(row.getString("tenant_id"), row.getString("url_template"), row.getString("headers"),
                Duration.ofMillis(row.getLong("timeout_ms")), Duration.ofMillis(row.getLong("cache_ttl_ms")),
                row.getInt("enabled") != 0, Sql.instant(row, "updated_at"));
    }
}
