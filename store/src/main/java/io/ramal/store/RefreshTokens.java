package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code refresh_tokens} table, looked up by token digest. */
public final class RefreshTokens {

    private static final String COLUMNS =
            "token_hash, family_id, tenant_id, user_id, client_id, issued_at, expires_at, rotated_at, revoked_at";

    private final Sql sql;

    public RefreshTokens(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void insert(RefreshToken token) {
        sql.update("INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                token.tokenHash(), token.familyId(), token.tenantId(), token.userId(), token.clientId(),
                token.issuedAt(), token.expiresAt(), token.rotatedAt(), token.revokedAt());
    }

    public Optional<RefreshToken> find(String tokenHash) {
        return sql.first("SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ?",
                RefreshTokens::read, tokenHash);
    }

    /**
     * Marks the token rotated if it is still active at {@code now}: true for exactly one of several
     * concurrent callers, so a token is exchanged at most once.
     */
    public boolean rotate(String tokenHash, Instant now) {
        return sql.update("""
                UPDATE refresh_tokens SET rotated_at = ?
                WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                """, now, tokenHash, now) > 0;
    }

    /** Revokes every token of the family not revoked yet; returns how many. */
    public int revokeFamily(String familyId, Instant now) {
        return sql.update("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                now, familyId);
    }

    /** Revokes every token of the user not revoked yet (password changed, user disabled); returns how many. */
    public int revokeUser(String userId, Instant now) {
        return sql.update("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                now, userId);
    }

    /** Deletes tokens that expired before {@code before} (refused by then anyway); returns how many. */
    public int purgeExpired(Instant before) {
        return sql.update("DELETE FROM refresh_tokens WHERE expires_at < ?", before);
    }

    private static RefreshToken read(ResultSet row) throws SQLException {
        return new RefreshToken(
                row.getString("token_hash"),
                row.getString("family_id"),
                row.getString("tenant_id"),
                row.getString("user_id"),
                row.getString("client_id"),
                Sql.instant(row, "issued_at"),
                Sql.instant(row, "expires_at"),
                Sql.optionalInstant(row, "rotated_at"),
                Sql.optionalInstant(row, "revoked_at"));
    }
}
