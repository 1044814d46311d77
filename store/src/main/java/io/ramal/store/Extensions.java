package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code extensions} table. */
public final class Extensions {

    private static final String COLUMNS = "tenant_id, number, display_name, realm, ha1_md5, ha1_sha256, record_policy";

    private final Sql sql;

    public Extensions(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Inserts the extension or replaces the one with the same tenant and number (its policy too). */
    public void save(Extension extension) {
        sql.update("INSERT INTO extensions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)" + """
                 ON CONFLICT (tenant_id, number) DO UPDATE SET
                    display_name = excluded.display_name,
                    realm = excluded.realm,
                    ha1_md5 = excluded.ha1_md5,
                    ha1_sha256 = excluded.ha1_sha256,
                    record_policy = excluded.record_policy
                """,
                extension.tenantId(), extension.number(), extension.displayName(), extension.realm(),
                extension.ha1().md5(), extension.ha1().sha256(),
                extension.recordingPolicy().map(RecordingPolicy::wireName));
    }

    /** Saves the extension with HA1 values computed from the password; the password is not stored. */
    public Extension save(String tenantId, String number, String displayName, String realm, String password) {
        Extension extension = Extension.withPassword(tenantId, number, displayName, realm, password);
        save(extension);
        return extension;
    }

    /** The digest realm the tenant's extensions were provisioned with (they share one). */
    public Optional<String> realmOf(String tenantId) {
        return sql.first("SELECT realm FROM extensions WHERE tenant_id = ? ORDER BY number LIMIT 1",
                row -> row.getString("realm"), tenantId);
    }

    public Optional<Extension> find(String tenantId, String number) {
        return sql.first("SELECT " + COLUMNS + " FROM extensions WHERE tenant_id = ? AND number = ?",
                Extensions::read, tenantId, number);
    }

    /** A tenant's extensions, by number. */
    public List<Extension> list(String tenantId) {
        return sql.list("SELECT " + COLUMNS + " FROM extensions WHERE tenant_id = ? ORDER BY number",
                Extensions::read, tenantId);
    }

    /** Deletes the extension; fails with {@link StoreException} while a DID still points at it. */
    public boolean delete(String tenantId, String number) {
        return sql.update("DELETE FROM extensions WHERE tenant_id = ? AND number = ?", tenantId, number) > 0;
    }

    private static Extension read(ResultSet row) throws SQLException {
        return new Extension(
                row.getString("tenant_id"),
                row.getString("number"),
                row.getString("display_name"),
                row.getString("realm"),
                new DigestHa1(row.getString("ha1_md5"), row.getString("ha1_sha256")),
                Sql.optionalString(row, "record_policy").map(RecordingPolicy::fromWireName));
    }
}
