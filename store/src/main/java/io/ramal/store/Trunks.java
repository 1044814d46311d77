package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code trunks} table. Passwords are sealed with {@link SecretSeal} on the way in and opened
 * on the way out, bound to their tenant and trunk name; the plain column of older rows is sealed by
 * {@link #sealPlainPasswords()}.
 */
public final class Trunks {

    private static final Logger LOG = LoggerFactory.getLogger(Trunks.class);
    private static final String COLUMNS = "tenant_id, name, host, port, transport, username, password, password_sealed,"
            + " realm, register, register_expiry, outbound_prefixes, caller_id, inbound_sources";
    /** Oldest first: when several trunks claim a source address, the first claim wins. */
    private static final String ORDER = " ORDER BY created_at, tenant_id, name";

    private final Sql sql;
    private final SecretSeal seal;
    private final InstantSource clock;

    public Trunks(DataSource dataSource, SecretSeal seal, InstantSource clock) {
        this.sql = new Sql(dataSource);
        this.seal = Objects.requireNonNull(seal, "seal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Inserts the trunk or replaces the one with the same tenant and name (which keeps its creation time). */
    public void save(Trunk trunk) {
        Optional<TrunkAuth> auth = trunk.auth();
        Optional<String> sealed = auth.map(a -> seal.seal(a.password(), context(trunk.tenantId(), trunk.name())));
        sql.update("INSERT INTO trunks (" + COLUMNS + ", created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)" + """
                 ON CONFLICT (tenant_id, name) DO UPDATE SET
                    host = excluded.host,
                    port = excluded.port,
                    transport = excluded.transport,
                    username = excluded.username,
                    password = NULL,
                    password_sealed = excluded.password_sealed,
                    realm = excluded.realm,
                    register = excluded.register,
                    register_expiry = excluded.register_expiry,
                    outbound_prefixes = excluded.outbound_prefixes,
                    caller_id = excluded.caller_id,
                    inbound_sources = excluded.inbound_sources
                """,
                trunk.tenantId(), trunk.name(), trunk.host(), trunk.port(), trunk.transport().wireName(),
                auth.map(TrunkAuth::username), sealed, auth.flatMap(TrunkAuth::realm), trunk.register(),
                (int) trunk.registerExpiry().toSeconds(), SpaceSeparated.join(trunk.outboundPrefixes()),
                trunk.callerId(), SpaceSeparated.join(trunk.inboundSources()), clock.instant());
    }

    public Optional<Trunk> find(String tenantId, String name) {
        return sql.first("SELECT " + COLUMNS + " FROM trunks WHERE tenant_id = ? AND name = ?", this::read,
                tenantId, name);
    }

    /** A tenant's trunks, by name. */
    public List<Trunk> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM trunks WHERE tenant_id = ? ORDER BY name", this::read, tenantId);
    }

    /** The trunks of every tenant, oldest first. */
    public List<Trunk> all() {
        return sql.list("SELECT " + COLUMNS + " FROM trunks" + ORDER, this::read);
    }

    /** The trunks of every tenant that is not disabled, oldest first: the ones the PBX uses. */
    public List<Trunk> active() {
        return sql.list("SELECT " + COLUMNS + " FROM trunks WHERE tenant_id IN (SELECT id FROM tenants WHERE disabled = 0)"
                + ORDER, this::read);
    }

    /** The trunks of every tenant that must be kept registered. */
    public List<Trunk> registering() {
        return sql.list("SELECT " + COLUMNS + " FROM trunks WHERE register = 1" + ORDER, this::read);
    }

    public boolean delete(String tenantId, String name) {
        return sql.update("DELETE FROM trunks WHERE tenant_id = ? AND name = ?", tenantId, name) > 0;
    }

    /**
     * Seals the passwords that rows written before sealing existed still hold in plain text, and
     * clears the plain column; returns how many were sealed (0 once done).
     */
    public int sealPlainPasswords() {
        record Plain(String tenantId, String name, String password) {}
        List<Plain> plain = sql.list("SELECT tenant_id, name, password FROM trunks WHERE password IS NOT NULL",
                row -> new Plain(row.getString("tenant_id"), row.getString("name"), row.getString("password")));
        for (Plain p : plain) {
            sql.update("UPDATE trunks SET password_sealed = ?, password = NULL WHERE tenant_id = ? AND name = ?",
                    seal.seal(p.password(), context(p.tenantId(), p.name())), p.tenantId(), p.name());
        }
        return plain.size();
    }

    /** What a sealed password is bound to: its row. */
    private static String context(String tenantId, String name) {
        return "trunk password\0" + tenantId + "\0" + name;
    }

    private Trunk read(ResultSet row) throws SQLException {
        String tenantId = row.getString("tenant_id");
        String name = row.getString("name");
        Optional<String> username = Sql.optionalString(row, "username");
        Optional<String> plain = Sql.optionalString(row, "password");
        Optional<String> password = Sql.optionalString(row, "password_sealed")
                .map(sealed -> seal.open(sealed, context(tenantId, name)).orElseGet(() -> {
                    LOG.atWarn().addKeyValue("tenant", tenantId).addKeyValue("trunk", name)
                            .log("a trunk password does not open with this server's secrets key: set it again");
                    return "";
                }))
                .or(() -> plain);
        Optional<String> realm = Sql.optionalString(row, "realm");
        Optional<TrunkAuth> auth = username.map(user -> new TrunkAuth(user, password.orElse(""), realm));
        return new Trunk(
                tenantId,
                name,
                row.getString("host"),
                row.getInt("port"),
                TrunkTransport.fromWireName(row.getString("transport")),
                auth,
                row.getInt("register") == 1,
                Duration.ofSeconds(row.getInt("register_expiry")),
                SpaceSeparated.split(row.getString("outbound_prefixes")),
                Sql.optionalString(row, "caller_id"),
                SpaceSeparated.split(row.getString("inbound_sources")));
    }
}
