package io.ramal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A migrated connection pool. {@link #open} creates the pool (HikariCP) and brings the schema up to
 * date with the versioned scripts under {@code db/migration} (Flyway), so a caller never sees an
 * old schema. The same scripts run on SQLite and PostgreSQL.
 *
 * <p>SQLite connections use WAL journaling (readers do not block the writer), wait up to
 * {@value #SQLITE_BUSY_TIMEOUT_MS} ms for a lock instead of failing, and enforce foreign keys.
 */
public final class Database implements AutoCloseable {

    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;
    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final DatabaseVendor vendor;

    private Database(HikariDataSource pool, DatabaseVendor vendor) {
        this.pool = pool;
        this.vendor = vendor;
        this.dataSource = vendor == DatabaseVendor.SQLITE ? new WriterTurns(pool, SQLITE_BUSY_TIMEOUT_MS) : pool;
    }

    /** Opens the pool and applies pending migrations; closes the pool again if that fails. */
    public static Database open(DatabaseConfig config) {
        config.sqliteFile().ifPresent(Database::createParentDirectories);
        HikariDataSource pool = new HikariDataSource(poolConfig(config));
        Database database = new Database(pool, config.vendor());
        try {
            database.migrate();
            return database;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Applies the migrations not yet applied; returns how many ran (0 when the schema is current). */
    public int migrate() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** The pool; for SQLite, writers of this process take turns in it (see {@link WriterTurns}). */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The same pool for writers whose delay nobody notices (call records, media quality, the
     * recordings index): on SQLite they let writers on the live event path go first (at most one
     * of them waits for the turn at a time, see {@link WriterTurns}); on PostgreSQL it is the pool.
     */
    public DataSource backgroundDataSource() {
        return dataSource instanceof WriterTurns turns ? turns.background() : dataSource;
    }

    public DatabaseVendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static HikariConfig poolConfig(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ramal-store");
        hikari.setJdbcUrl(config.jdbcUrl());
        config.username().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(1);
        if (config.vendor() == DatabaseVendor.SQLITE) {
            // sqlite-jdbc applies these pragmas to every connection it opens.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "NORMAL");
            hikari.addDataSourceProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
            // A deferred transaction that read first and then writes gets SQLITE_BUSY at once when
            // another connection wrote meanwhile (WAL cannot upgrade its snapshot; busy_timeout is not
            // consulted). Taking the write lock at BEGIN makes such writers wait their turn instead.
            hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hikari.addDataSourceProperty("foreign_keys", "true");
        }
        return hikari;
    }

    private static void createParentDirectories(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }
}
