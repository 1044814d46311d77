package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code idempotency_keys} table. {@link #claim} is atomic across connections (and servers
 * sharing the database): of several requests with the same key, exactly one claims it.
 */
public final class IdempotencyKeys {

    private final Sql sql;

    public IdempotencyKeys(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /**
     * Claims {@code key} of {@code owner} for the request with {@code fingerprint}: true when this
     * call claimed it; false when the key was already claimed and has not expired (see {@link #find}).
     * An expired row is replaced.
     */
    public boolean claim(String tenantId, String owner, String key, String fingerprint, Instant now, Instant expiresAt) {
        sql.update("DELETE FROM idempotency_keys WHERE tenant_id = ? AND owner = ? AND idem_key = ? AND expires_at <= ?",
                tenantId, owner, key, now);
        return sql.update("""
                INSERT INTO idempotency_keys (tenant_id, owner, idem_key, fingerprint, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, tenantId, owner, key, fingerprint, now, expiresAt) == 1;
    }

    public Optional<IdempotencyRecord> find(String tenantId, String owner, String key) {
        return sql.first("""
                SELECT fingerprint, status, content_type, body, location, created_at FROM idempotency_keys
                WHERE tenant_id = ? AND owner = ? AND idem_key = ?
                """, IdempotencyKeys::read, tenantId, owner, key);
    }

    /** Keeps the answer of the request that claimed the key. */
    public void complete(String tenantId, String owner, String key, IdempotencyRecord.Answer answer) {
        sql.update("""
                UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?, location = ?
                WHERE tenant_id = ? AND owner = ? AND idem_key = ? AND status IS NULL
                """, answer.status(), answer.contentType(), answer.body(), answer.location(), tenantId, owner, key);
    }

    /** Gives up a claim whose request failed without an answer worth repeating, so a retry may run. */
    public void release(String tenantId, String owner, String key) {
        sql.update("DELETE FROM idempotency_keys WHERE tenant_id = ? AND owner = ? AND idem_key = ? AND status IS NULL",
                tenantId, owner, key);
    }

    /** Deletes rows that expired before {@code now}; returns how many. */
    public int purgeExpired(Instant now) {
        return sql.update("DELETE FROM idempotency_keys WHERE expires_at <= ?", now);
    }

    private static IdempotencyRecord read(ResultSet row) throws SQLException {
        int status = row.getInt("status");
        Optional<IdempotencyRecord.Answer> answer = row.wasNull()
                ? Optional.empty()
                : Optional.of(new IdempotencyRecord.Answer(status, row.getString("content_type"),
                        row.getString("body"), Sql.optionalString(row, "location")));
        return new IdempotencyRecord(row.getString("fingerprint"), answer, Sql.instant(row, "created_at"));
    }
}
