package io.ramal.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store lives and how many connections it may hold.
 *
 * @param jdbcUrl     {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db[?currentSchema=...]}
 * @param username    database user, if the URL does not carry one
 * @param password    database password, if the server asks for one
 * @param maxPoolSize the most connections the pool opens (at least 1)
 */
public record DatabaseConfig(String jdbcUrl, Optional<String> username, Optional<String> password, int maxPoolSize) {

    /** The embedded default: {@code ./data/ramal.db}. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "ramal.db");

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        DatabaseVendor.of(jdbcUrl);
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
        }
    }

    /** A SQLite file at {@link #DEFAULT_SQLITE_FILE}. */
    public static DatabaseConfig defaults() {
        return sqlite(DEFAULT_SQLITE_FILE);
    }

    /** A SQLite file; its parent directories are created when the database opens. */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig("jdbc:sqlite:" + file, Optional.empty(), Optional.empty(), 4);
    }

    /** Any supported JDBC URL, without credentials and with a pool of ten. */
    public static DatabaseConfig of(String jdbcUrl) {
        return new DatabaseConfig(jdbcUrl, Optional.empty(), Optional.empty(), 10);
    }

    public DatabaseConfig withCredentials(String username, String password) {
        return new DatabaseConfig(jdbcUrl, Optional.of(username), Optional.of(password), maxPoolSize);
    }

    public DatabaseConfig withUsername(String username) {
        return new DatabaseConfig(jdbcUrl, Optional.of(username), password, maxPoolSize);
    }

    public DatabaseConfig withMaxPoolSize(int maxPoolSize) {
        return new DatabaseConfig(jdbcUrl, username, password, maxPoolSize);
    }

    public DatabaseVendor vendor() {
        return DatabaseVendor.of(jdbcUrl);
    }

    /** The SQLite file this URL names, if it names one (not for {@code :memory:} or {@code file:} URIs). */
    Optional<Path> sqliteFile() {
        if (vendor() != DatabaseVendor.SQLITE) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(DatabaseVendor.SQLITE.urlPrefix().length());
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        if (name.isEmpty() || name.startsWith(":memory:") || name.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(name));
    }

    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + jdbcUrl + ", username=" + username
                + ", password=" + password.map(p -> "***") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
