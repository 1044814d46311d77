package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code mfa_challenges} table, looked up by nonce digest. */
public final class MfaChallenges {

    private static final String COLUMNS =
            "nonce_hash, tenant_id, user_id, client_id, created_at, expires_at, attempts, used_at";

    private final Sql sql;

    public MfaChallenges(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void insert(MfaChallenge challenge) {
        sql.update("INSERT INTO mfa_challenges (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                challenge.nonceHash(), challenge.tenantId(), challenge.userId(), challenge.clientId(),
                challenge.createdAt(), challenge.expiresAt(), challenge.attempts(), challenge.usedAt());
    }

    public Optional<MfaChallenge> find(String nonceHash) {
        return sql.first("SELECT " + COLUMNS + " FROM mfa_challenges WHERE nonce_hash = ?",
                MfaChallenges::read, nonceHash);
    }

    /**
     * Counts one code attempt against an open challenge: false (and nothing counted) when it is
     * unknown, used, expired at {@code now}, or already had {@code maxAttempts}.
     */
    public boolean countAttempt(String nonceHash, Instant now, int maxAttempts) {
        return sql.update("""
                UPDATE mfa_challenges SET attempts = attempts + 1
                WHERE nonce_hash = ? AND used_at IS NULL AND expires_at > ? AND attempts < ?
                """, nonceHash, now, maxAttempts) > 0;
    }

    /** Marks the challenge used: true for exactly one caller, and only while it is open. */
    public boolean complete(String nonceHash, Instant now) {
        return sql.update("""
                UPDATE mfa_challenges SET used_at = ?
                WHERE nonce_hash = ? AND used_at IS NULL AND expires_at > ?
                """, now, nonceHash, now) > 0;
    }

    /** Deletes challenges that expired before {@code before}; returns how many. */
    public int purgeExpired(Instant before) {
        return sql.update("DELETE FROM mfa_challenges WHERE expires_at < ?", before);
    }

    private static MfaChallenge read(ResultSet row) throws SQLException {
        return new MfaChallenge(
                row.getString("nonce_hash"),
                row.getString("tenant_id"),
                row.getString("user_id"),
                row.getString("client_id"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "expires_at"),
                row.getInt("attempts"),
                Sql.optionalInstant(row, "used_at"));
    }
}
