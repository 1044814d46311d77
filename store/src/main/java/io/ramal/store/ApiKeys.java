package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code api_keys} table. */
public final class ApiKeys {

    private static final String COLUMNS = "id, tenant_id, user_id, name, secret_hash, scopes, created_at, "
            + "expires_at, last_used_at, revoked_at";

    private final Sql sql;

    public ApiKeys(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void insert(ApiKey key) {
        sql.update("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), key.tenantId(), key.userId(), key.name(), key.secretHash(), SpaceSeparated.join(key.scopes()),
                key.createdAt(), key.expiresAt(), key.lastUsedAt(), key.revokedAt());
    }

    public Optional<ApiKey> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = ? AND id = ?", ApiKeys::read, tenantId, id);
    }

    /** The key with this id in whatever tenant; for verifying a presented key, which names only its id. */
    public Optional<ApiKey> findById(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeys::read, id);
    }

    /** The tenant's keys, revoked ones included, oldest first. */
    public List<ApiKey> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id",
                ApiKeys::read, tenantId);
    }

    /** Revokes the key: true if the tenant had it unrevoked. */
    public boolean revoke(String tenantId, String id, Instant now) {
        return sql.update("UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
                now, tenantId, id) > 0;
    }

    /**
     * Records a use at {@code now}, unless one was recorded less than {@code resolution} before, so
     * a busy key does not write on every request.
     */
    public void touch(String id, Instant now, Duration resolution) {
        sql.update("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
                now, id, now.minus(resolution));
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        return new ApiKey(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("user_id"),
                row.getString("name"),
                row.getString("secret_hash"),
                SpaceSeparated.split(row.getString("scopes")),
                Sql.instant(row, "created_at"),
                Sql.optionalInstant(row, "expires_at"),
                Sql.optionalInstant(row, "last_used_at"),
                Sql.optionalInstant(row, "revoked_at"));
    }
}
