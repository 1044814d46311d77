package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code login_attempts} table: counters behind the lockout of login names. */
public final class LoginAttempts {

    private static final String COLUMNS = "tenant_id, username, failures, window_started_at, locked_until";

    private final Sql sql;

    public LoginAttempts(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Optional<LoginAttempt> find(String tenantId, String username) {
        return sql.first("SELECT " + COLUMNS + " FROM login_attempts WHERE tenant_id = ? AND username = ?",
                LoginAttempts::read, tenantId, username);
    }

    /**
     * Counts one failure at {@code now} and returns the counter after it. Failures older than
     * {@code windowStart} no longer count: the first failure after them starts a new window.
     * Concurrent failures are all counted (one atomic upsert).
     */
    public LoginAttempt recordFailure(String tenantId, String username, Instant now, Instant windowStart) {
        sql.update("INSERT INTO login_attempts (" + COLUMNS + ") VALUES (?, ?, 1, ?, NULL)" + """
                 ON CONFLICT (tenant_id, username) DO UPDATE SET
                    failures = CASE WHEN login_attempts.window_started_at < ? THEN 1
                        ELSE login_attempts.failures + 1 END,
                    window_started_at = CASE WHEN login_attempts.window_started_at < ? THEN excluded.window_started_at
                        ELSE login_attempts.window_started_at END
                """, tenantId, username, now, windowStart, windowStart);
        return find(tenantId, username).orElseThrow(
                () -> new StoreException("login attempt of " + tenantId + "/" + username + " vanished", null));
    }

    /** Locks the name until {@code until} and starts counting afresh. */
    public void lock(String tenantId, String username, Instant now, Instant until) {
        sql.update("UPDATE login_attempts SET locked_until = ?, failures = 0, window_started_at = ? "
                + "WHERE tenant_id = ? AND username = ?", until, now, tenantId, username);
    }

    /** Forgets the name's failures (after a successful login). */
    public void clear(String tenantId, String username) {
        sql.update("DELETE FROM login_attempts WHERE tenant_id = ? AND username = ?", tenantId, username);
    }

    /** Deletes counters whose window started before {@code before} and that are not locked after it. */
    public int purge(Instant before) {
        return sql.update("DELETE FROM login_attempts WHERE window_started_at < ? "
                + "AND (locked_until IS NULL OR locked_until < ?)", before, before);
    }

    private static LoginAttempt read(ResultSet row) throws SQLException {
        return new LoginAttempt(
                row.getString("tenant_id"),
                row.getString("username"),
                row.getInt("failures"),
                Sql.instant(row, "window_started_at"),
                Sql.optionalInstant(row, "locked_until"));
    }
}
