package io.ramal.store.testing;

import io.ramal.store.DatabaseConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A uniquely named, initially empty schema; {@link #close()} drops it with everything in it. */
public final class PostgresSchema implements AutoCloseable {

    private final PostgresServer server;
    private final String name;

    private PostgresSchema(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public static PostgresSchema create(PostgresServer server) {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        String name = "ramal_test_" + HexFormat.of().formatHex(random);
        execute(server, "CREATE SCHEMA " + name);
        return new PostgresSchema(server, name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** A store configuration for this schema, with a small pool. */
    public DatabaseConfig config() {
        return DatabaseConfig.of(jdbcUrl()).withUsername(server.user()).withMaxPoolSize(4);
    }

    @Override
    public void close() {
        execute(server, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private static void execute(PostgresServer server, String sql) {
        try (Connection connection = PostgresFixture.connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + server.jdbcUrl(), e);
        }
    }
}
