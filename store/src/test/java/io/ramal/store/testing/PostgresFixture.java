package io.ramal.store.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * The PostgreSQL server that tests of this JVM share. Chosen once, by the system property
 * {@value #MODE_PROPERTY} (or the environment variable {@value #MODE_VARIABLE}):
 * <ul>
 *   <li>{@code auto} (default): the machine's server at 127.0.0.1:5432 (database {@code test},
 *       user {@code postgres}, trust auth) if it answers, otherwise an {@link EmbeddedPostgres};
 *   <li>{@code local}: the machine's server, failing when it does not answer;
 *   <li>{@code embedded}: always an {@link EmbeddedPostgres}, stopped when the JVM exits.
 * </ul>
 * Tests never share tables: each takes its own {@link PostgresSchema}.
 */
public final class PostgresFixture {

    public static final String MODE_PROPERTY = "ramal.test.postgres";
    public static final String MODE_VARIABLE = "RAMAL_TEST_POSTGRES";
    public static final PostgresServer LOCAL = new PostgresServer("127.0.0.1", 5432, "test", "postgres");

    private static PostgresServer shared;

    private PostgresFixture() {}

    /** The shared server, found or started on first use. */
    public static synchronized PostgresServer server() {
        if (shared == null) {
            shared = switch (mode()) {
                case "local" -> requireAnswers(LOCAL);
                case "embedded" -> startEmbedded();
                case "auto" -> answers(LOCAL) ? LOCAL : startEmbedded();
                default -> throw new IllegalStateException(
                        MODE_PROPERTY + " must be auto, local or embedded, not " + mode());
            };
        }
        return shared;
    }

    /** A new empty schema on the shared server; close it to drop it. */
    public static PostgresSchema freshSchema() {
        return PostgresSchema.create(server());
    }

    /** Whether the server accepts a connection and a query. */
    public static boolean answers(PostgresServer server) {
        try (Connection connection = connect(server)) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static Connection connect(PostgresServer server) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("connectTimeout", "2");
        return DriverManager.getConnection(server.jdbcUrl(), properties);
    }

    private static String mode() {
        String mode = System.getProperty(MODE_PROPERTY);
        if (mode == null || mode.isBlank()) {
            mode = System.getenv(MODE_VARIABLE);
        }
        return mode == null || mode.isBlank() ? "auto" : mode.strip().toLowerCase(Locale.ROOT);
    }

    private static PostgresServer requireAnswers(PostgresServer server) {
        if (!answers(server)) {
            throw new IllegalStateException("no PostgreSQL answers at " + server.jdbcUrl());
        }
        return server;
    }

    private static PostgresServer startEmbedded() {
        EmbeddedPostgres embedded = EmbeddedPostgres.start();
        System.err.println("PostgresFixture: started " + embedded);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
        return embedded.server();
    }
}
