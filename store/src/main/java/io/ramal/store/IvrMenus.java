package io.ramal.store;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code ivr_menus} and {@code ivr_options} tables: each tenant's voice menus with what their keys
 * lead to. A menu's prompt reference changes only through {@link #usePrompt}: saving a menu (from the
 * config file at start, or a change through the API) keeps the prompt it has.
 */
public final class IvrMenus {

    private static final String COLUMNS = "name, prompt, timeout_ms, max_retries, default_target, invalid_target";

    private final DataSource dataSource;
    private final Sql sql;

    public IvrMenus(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource);
    }

    /**
     * Inserts the menu (with its prompt reference) or replaces the settings and options of the one with
     * its name (keeping that one's prompt), in one transaction.
     */
    public void save(String tenantId, IvrMenu menu, Instant now) {
        Sql.inTransaction(dataSource, "save voice menu", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ivr_menus (tenant_id, " + COLUMNS
                    + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, name) DO UPDATE SET"
                    + " timeout_ms = excluded.timeout_ms, max_retries = excluded.max_retries,"
                    + " default_target = excluded.default_target, invalid_target = excluded.invalid_target");
                    PreparedStatement clear = connection.prepareStatement(
                            "DELETE FROM ivr_options WHERE tenant_id = ? AND menu_name = ?");
                    PreparedStatement option = connection.prepareStatement(
                            "INSERT INTO ivr_options (tenant_id, menu_name, dtmf_key, target) VALUES (?, ?, ?, ?)")) {
                upsert.setString(1, tenantId);
                upsert.setString(2, menu.name());
                upsert.setString(3, menu.prompt().orElse(null));
                upsert.setLong(4, menu.timeout().toMillis());
                upsert.setInt(5, menu.maxRetries());
                upsert.setString(6, menu.defaultTarget().map(Object::toString).orElse(null));
                upsert.setString(7, menu.invalidTarget().map(Object::toString).orElse(null));
                upsert.setLong(8, now.toEpochMilli());
                upsert.executeUpdate();
                clear.setString(1, tenantId);
                clear.setString(2, menu.name());
                clear.executeUpdate();
                for (Map.Entry<Character, IvrTarget> e : menu.options().entrySet()) {
                    option.setString(1, tenantId);
                    option.setString(2, menu.name());
                    option.setString(3, String.valueOf(e.getKey()));
                    option.setString(4, e.getValue().toString());
                    option.executeUpdate();
                }
            }
            return null;
        });
    }

    public Optional<IvrMenu> find(String tenantId, String name) {
        Map<Character, IvrTarget> options = new HashMap<>();
        sql.list("SELECT dtmf_key, target FROM ivr_options WHERE tenant_id = ? AND menu_name = ?",
                row -> options.put(row.getString("dtmf_key").charAt(0), IvrTarget.parse(row.getString("target"))),
                tenantId, name);
        return sql.first("SELECT " + COLUMNS + " FROM ivr_menus WHERE tenant_id = ? AND name = ?",
                row -> read(row, options), tenantId, name);
    }

    /** A tenant's menus, by name. */
    public List<IvrMenu> list(String tenantId) {
        Map<String, Map<Character, IvrTarget>> options = new HashMap<>();
        sql.list("SELECT menu_name, dtmf_key, target FROM ivr_options WHERE tenant_id = ?",
                row -> options.computeIfAbsent(row.getString("menu_name"), n -> new HashMap<>())
                        .put(row.getString("dtmf_key").charAt(0), IvrTarget.parse(row.getString("target"))),
                tenantId);
        return sql.list("SELECT " + COLUMNS + " FROM ivr_menus WHERE tenant_id = ? ORDER BY name",
                row -> read(row, options.getOrDefault(row.getString("name"), Map.of())), tenantId);
    }

    /** Makes {@code reference} the menu's prompt (empty: none); false when there is no such menu. */
    public boolean usePrompt(String tenantId, String name, Optional<String> reference) {
        return sql.update("UPDATE ivr_menus SET prompt = ? WHERE tenant_id = ? AND name = ?", reference, tenantId,
                name) > 0;
    }

    /** Deletes the menu and its options; false when there was none. A DID leading to it refuses (foreign key). */
    public boolean delete(String tenantId, String name) {
        return Sql.inTransaction(dataSource, "delete voice menu", connection -> {
            try (PreparedStatement options = connection.prepareStatement(
                    "DELETE FROM ivr_options WHERE tenant_id = ? AND menu_name = ?");
                    PreparedStatement menu = connection.prepareStatement(
                            "DELETE FROM ivr_menus WHERE tenant_id = ? AND name = ?")) {
                options.setString(1, tenantId);
                options.setString(2, name);
                options.executeUpdate();
                menu.setString(1, tenantId);
                menu.setString(2, name);
                return menu.executeUpdate() > 0;
            }
        });
    }

    private static IvrMenu read(ResultSet row, Map<Character, IvrTarget> options) throws SQLException {
        return new IvrMenu(row.getString("name"), Sql.optionalString(row, "prompt"), options,
                Duration.ofMillis(row.getLong("timeout_ms")), row.getInt("max_retries"),
                Sql.optionalString(row, "default_target").map(IvrTarget::parse),
                Sql.optionalString(row, "invalid_target").map(IvrTarget::parse));
    }

    /** Every prompt reference the tenant's menus use (to tell a stored prompt file still needed). */
    public List<String> promptReferences(String tenantId) {
        List<String> references = new ArrayList<>();
        for (IvrMenu menu : list(tenantId)) {
            menu.prompt().ifPresent(references::add);
        }
        return references;
    }
}
