package io.ramal.store;

import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code webhook_allow_list} table: per tenant, the addresses (an IP or a CIDR block, as text)
 * its webhooks may reach although the SSRF guard refuses them otherwise. The API layer checks the
 * notation; the store keeps the text.
 */
public final class WebhookAllowLists {

    private final Sql sql;
    private final DataSource dataSource;

    public WebhookAllowLists(DataSource dataSource) {
        this.sql = new Sql(dataSource);
        this.dataSource = dataSource;
    }

    /** The tenant's entries, sorted; empty when it allows nothing extra. */
    public List<String> list(String tenantId) {
        return sql.list("SELECT cidr FROM webhook_allow_list WHERE tenant_id = ? ORDER BY cidr",
                row -> row.getString("cidr"), tenantId);
    }

    /** Replaces the tenant's entries with {@code entries} (duplicates collapse), in one transaction. */
    public void replace(String tenantId, List<String> entries) {
        Text.requireNonBlank(tenantId, "tenantId");
        List<String> distinct = entries.stream().map(entry -> Text.requireNonBlank(entry, "entry")).distinct().toList();
        Sql.inTransaction(dataSource, "replace webhook allow-list", connection -> {
            WebhookStatements.update(connection, "DELETE FROM webhook_allow_list WHERE tenant_id = ?", tenantId);
            for (String entry : distinct) {
                WebhookStatements.update(connection,
                        "INSERT INTO webhook_allow_list (tenant_id, cidr) VALUES (?, ?)", tenantId, entry);
            }
            return null;
        });
    }
}
