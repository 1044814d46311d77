package io.ramal.store;

import java.sql.PreparedStatement;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The {@code agent_groups} table: which groups each user (agent) of a tenant belongs to. */
public final class AgentGroups {

    private final DataSource dataSource;
    private final Sql sql;

    public AgentGroups(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    public Set<String> of(String tenantId, String userId) {
        return sql.list("SELECT group_name FROM agent_groups WHERE tenant_id = ? AND user_id = ?",
                row -> row.getString("group_name"), tenantId, userId).stream().collect(Collectors.toUnmodifiableSet());
    }

    /** Makes {@code groups} the user's groups, in one transaction. */
    public void replace(String tenantId, String userId, Set<String> groups) {
        Sql.inTransaction(dataSource, "replace agent groups", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM agent_groups WHERE tenant_id = ? AND user_id = ?")) {
                delete.setString(1, tenantId);
                delete.setString(2, userId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO agent_groups (tenant_id, user_id, group_name) VALUES (?, ?, ?)")) {
                for (String group : groups) {
                    insert.setString(1, tenantId);
                    insert.setString(2, userId);
                    insert.setString(3, group);
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }
}
