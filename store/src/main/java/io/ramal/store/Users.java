package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code users} table. Every lookup but {@link #findById} names the tenant. */
public final class Users {

    private static final String COLUMNS = "id, tenant_id, username, password_hash, roles, extension, totp_secret, "
            + "totp_enabled, totp_last_step, disabled, created_at, updated_at";

    private final Sql sql;

    public Users(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Adds a user; {@link StoreException} if the id or the tenant's username is taken, or the tenant unknown. */
    public void insert(User user) {
        sql.update("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(), user.tenantId(), user.username(), user.passwordHash(), SpaceSeparated.join(user.roles()),
                user.extension(), user.totpSecret(), user.totpEnabled(), user.totpLastStep(), user.disabled(),
                user.createdAt(), user.updatedAt());
    }

    /**
     * Writes the user's changeable fields (password hash, roles, extension, TOTP secret and state,
     * disabled, update time); false if the tenant has no such user. The username, the creation time
     * and the last accepted TOTP step are not written (see {@link #acceptTotpStep}).
     */
    public boolean update(User user) {
        return sql.update("""
                UPDATE users SET password_hash = ?, roles = ?, extension = ?, totp_secret = ?, totp_enabled = ?,
                    totp_last_step = CASE WHEN ? = 1 THEN NULL ELSE totp_last_step END,
                    disabled = ?, updated_at = ?
                WHERE tenant_id = ? AND id = ?
                """,
                user.passwordHash(), SpaceSeparated.join(user.roles()), user.extension(), user.totpSecret(),
                user.totpEnabled(), user.totpSecret().isEmpty(), user.disabled(), user.updatedAt(), user.tenantId(),
                user.id()) > 0;
    }

    /**
     * Records that the TOTP code of time step {@code step} was accepted, unless that step or a later
     * one already was: true when this call recorded it, so each code is accepted at most once.
     */
    public boolean acceptTotpStep(String userId, long step) {
        return sql.update("""
                UPDATE users SET totp_last_step = ?
                WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)
                """, step, userId, step) > 0;
    }

    public Optional<User> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? AND id = ?", Users::read, tenantId, id);
    }

    /** The user with this id in whatever tenant; for verifying tokens that name both. */
    public Optional<User> findById(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM users WHERE id = ?", Users::read, id);
    }

    public Optional<User> findByUsername(String tenantId, String username) {
        return sql.first("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? AND username = ?",
                Users::read, tenantId, username);
    }

    /** The tenant's users, by username. */
    public List<User> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? ORDER BY username", Users::read, tenantId);
    }

    /** Deletes the user with its keys, tokens and codes; false if the tenant has no such user. */
    public boolean delete(String tenantId, String id) {
        return sql.update("DELETE FROM users WHERE tenant_id = ? AND id = ?", tenantId, id) > 0;
    }

    private static User read(ResultSet row) throws SQLException {
        long lastStep = row.getLong("totp_last_step");
        Optional<Long> totpLastStep = row.wasNull() ? Optional.empty() : Optional.of(lastStep);
        return new User(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("username"),
                row.getString("password_hash"),
                SpaceSeparated.split(row.getString("roles")),
                Sql.optionalString(row, "extension"),
                Sql.optionalString(row, "totp_secret"),
                row.getInt("totp_enabled") != 0,
                totpLastStep,
                row.getInt("disabled") != 0,
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
