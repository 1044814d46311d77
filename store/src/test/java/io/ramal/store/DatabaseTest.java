package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class DatabaseTest {

    @Parameter
    Backend backend;

    private ScratchDatabase scratch;

    @BeforeEach
    void createScratch() {
        scratch = ScratchDatabase.create(backend);
    }

    @AfterEach
    void removeScratch() {
        scratch.close();
    }

    /** The migration scripts shipped in the store jar, counted from the classpath. */
    private static final long MIGRATIONS = migrationScripts();

    private static long migrationScripts() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                java.util.Objects.requireNonNull(DatabaseTest.class.getResource("/db/migration")).toURI()))) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void openingAppliesTheMigrationsOnce() throws SQLException {
        Database database = scratch.open();

        assertThat(database.vendor().name()).isEqualTo(backend.name());
        assertThat(count(database, "SELECT COUNT(*) FROM flyway_schema_history WHERE success = "
                + (backend == Backend.SQLITE ? "1" : "TRUE"))).isEqualTo(MIGRATIONS);
        assertThat(count(database, "SELECT COUNT(*) FROM cdrs")).isZero();
    }

    @Test
    void migratingAgainChangesNothing() throws SQLException {
        Database first = scratch.open();
        new Tenants(first.dataSource()).save(new Tenant("kept", "Kept", RandomTenant.CREATED));

        assertThat(first.migrate()).isZero();
        assertThat(first.migrate()).isZero();
        Database reopened = scratch.open();
        assertThat(reopened.migrate()).isZero();

        assertThat(new Tenants(reopened.dataSource()).find("kept")).isPresent();
        assertThat(count(reopened, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(MIGRATIONS);
    }

    @Test
    void enforcesForeignKeys() {
        Database database = scratch.open();

        assertThatThrownBy(() -> new SipDomains(database.dataSource())
                        .save(new SipDomain("nowhere.example", "no-such-tenant")))
                .isInstanceOf(StoreException.class);
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
