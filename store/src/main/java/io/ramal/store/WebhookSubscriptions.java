package io.ramal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code webhook_subscriptions} table. Every read and change names the tenant. */
public final class WebhookSubscriptions {

    private static final String COLUMNS = "id, tenant_id, description, selectors, url_template, method, body_format, "
            + "body_template, headers, secret, enabled, disabled_reason, created_at, updated_at";

    private final Sql sql;

    public WebhookSubscriptions(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Stores a new subscription; {@link StoreException} if its id is taken or its tenant unknown. */
    public void insert(WebhookSubscription subscription) {
        sql.update("INSERT INTO webhook_subscriptions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                subscription.id(), subscription.tenantId(), subscription.description(), subscription.selectors(),
                subscription.urlTemplate(), subscription.method(), subscription.bodyFormat(),
                subscription.bodyTemplate(), subscription.headers(), subscription.secret(), subscription.enabled(),
                subscription.disabledReason(), subscription.createdAt(), subscription.updatedAt());
    }

    /** Replaces everything but the tenant and creation time; false if the tenant has no such subscription. */
    public boolean update(WebhookSubscription subscription) {
        return sql.update("""
                UPDATE webhook_subscriptions SET description = ?, selectors = ?, url_template = ?, method = ?,
                    body_format = ?, body_template = ?, headers = ?, secret = ?, enabled = ?, disabled_reason = ?,
                    updated_at = ?
                WHERE tenant_id = ? AND id = ?
                """, subscription.description(), subscription.selectors(), subscription.urlTemplate(),
                subscription.method(), subscription.bodyFormat(), subscription.bodyTemplate(), subscription.headers(),
                subscription.secret(), subscription.enabled(), subscription.disabledReason(),
                subscription.updatedAt(), subscription.tenantId(), subscription.id()) > 0;
    }

    /** Switches the subscription off, saying why; false if there is none. */
    public boolean disable(String tenantId, String id, String reason, Instant at) {
        return sql.update("""
                UPDATE webhook_subscriptions SET enabled = 0, disabled_reason = ?, updated_at = ?
                WHERE tenant_id = ? AND id = ?
                """, reason, at, tenantId, id) > 0;
    }

    public Optional<WebhookSubscription> find(String tenantId, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE tenant_id = ? AND id = ?",
                WebhookSubscriptions::read, tenantId, id);
    }

    /** The tenant's subscriptions, oldest first. */
    public List<WebhookSubscription> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE tenant_id = ? "
                + "ORDER BY created_at, id", WebhookSubscriptions::read, tenantId);
    }

    /**
     * The tenant's enabled subscriptions, read on the caller's connection (inside its transaction,
     * if one is open); the connection stays open.
     */
    public List<WebhookSubscription> listEnabled(Connection connection, String tenantId) {
        String query = "SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE tenant_id = ? AND enabled = 1 "
                + "ORDER BY created_at, id";
        try {
            return WebhookStatements.list(connection, query, WebhookSubscriptions::read, tenantId);
        } catch (SQLException e) {
            throw StoreException.of(query, e);
        }
    }

    /** Deletes the subscription with its deliveries and their log; false if there was none. */
    public boolean delete(String tenantId, String id) {
        return sql.update("DELETE FROM webhook_subscriptions WHERE tenant_id = ? AND id = ?", tenantId, id) > 0;
    }

    private static WebhookSubscription read(ResultSet row) throws SQLException {
        return new WebhookSubscription(
                row.getString("id"),
                row.getString("tenant_id"),
                row.getString("description"),
                row.getString("selectors"),
                row.getString("url_template"),
                row.getString("method"),
                row.getString("body_format"),
                Sql.optionalString(row, "body_template"),
                row.getString("headers"),
                row.getString("secret"),
                row.getInt("enabled") == 1,
                Sql.optionalString(row, "disabled_reason"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
