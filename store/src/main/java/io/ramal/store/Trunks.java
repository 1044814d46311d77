package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code trunks} table. */
public final class Trunks {

    private static final String COLUMNS = "tenant_id, name, host, port, transport, username, password, realm, register";

    private final Sql sql;

    public Trunks(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the trunk or replaces the one with the same tenant and name. */
    public void save(Trunk trunk) {
        Optional<TrunkAuth> auth = trunk.auth();
        sql.update("INSERT INTO trunks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" + """
                 ON CONFLICT (tenant_id, name) DO UPDATE SET
                    host = excluded.host,
                    port = excluded.port,
                    transport = excluded.transport,
                    username = excluded.username,
                    password = excluded.password,
                    realm = excluded.realm,
                    register = excluded.register
                """,
                trunk.tenantId(), trunk.name(), trunk.host(), trunk.port(), trunk.transport().wireName(),
                auth.map(TrunkAuth::username), auth.map(TrunkAuth::password), auth.flatMap(TrunkAuth::realm),
                trunk.register());
    }

    public Optional<Trunk> find(String tenantId, String name) {
        return sql.first("SELECT " + COLUMNS + " FROM trunks WHERE tenant_id = ? AND name = ?",
                Trunks::read, tenantId, name);
    }

    /** A tenant's trunks, by name. */
    public List<Trunk> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM trunks WHERE tenant_id = ? ORDER BY name",
                Trunks::read, tenantId);
    }

    /** The trunks of every tenant. */
    public List<Trunk> all() {
        return sql.list("SELECT " + COLUMNS + " FROM trunks ORDER BY tenant_id, name", Trunks::read);
    }

    /** The trunks of every tenant that must be kept registered. */
    public List<Trunk> registering() {
        return sql.list("SELECT " + COLUMNS + " FROM trunks WHERE register = 1 ORDER BY tenant_id, name",
                Trunks::read);
    }

    public boolean delete(String tenantId, String name) {
        return sql.update("DELETE FROM trunks WHERE tenant_id = ? AND name = ?", tenantId, name) > 0;
    }

    private static Trunk read(ResultSet row) throws SQLException {
        Optional<String> username = Sql.optionalString(row, "username");
        Optional<String> password = Sql.optionalString(row, "password");
        Optional<String> realm = Sql.optionalString(row, "realm");
        Optional<TrunkAuth> auth = username.map(user -> new TrunkAuth(user, password.orElse(""), realm));
        return new Trunk(
                row.getString("tenant_id"),
                row.getString("name"),
                row.getString("host"),
                row.getInt("port"),
                TrunkTransport.fromWireName(row.getString("transport")),
                auth,
                row.getInt("register") == 1);
    }
}
