package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void createsMissingParentDirectories() {
        Path file = directory.resolve("nested/data/ramal.db");

        try (Database database = Database.open(DatabaseConfig.sqlite(file))) {
            assertThat(database.vendor()).isEqualTo(DatabaseVendor.SQLITE);
        }

        assertThat(file).isRegularFile();
    }

    @Test
    void everyConnectionUsesWalBusyTimeoutAndForeignKeys() throws SQLException {
        try (Database database = Database.open(DatabaseConfig.sqlite(directory.resolve("ramal.db")));
                Connection first = database.dataSource().getConnection();
                Connection second = database.dataSource().getConnection()) {
            for (Connection connection : new Connection[] {first, second}) {
                assertThat(pragma(connection, "journal_mode")).isEqualToIgnoringCase("wal");
                assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
                assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
            }
        }
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void concurrentWritersWaitForTheLockInsteadOfFailing() throws Exception {
        try (Database database = Database.open(DatabaseConfig.sqlite(directory.resolve("ramal.db")));
                ExecutorService writers = Executors.newFixedThreadPool(4)) {
            String tenant = RandomTenant.create(database.dataSource());
            CallRecords cdrs = new CallRecords(database.dataSource());
            Instant start = Instant.parse("2026-11-21T08:00:00Z");
            List<Future<?>> results = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                results.add(writers.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        cdrs.insert(new CallRecord(UUID.randomUUID().toString(), tenant, "c", "1001", "1002",
                                CallDirection.INTERNAL, start, Optional.empty(), start, CallDisposition.FAILED, "500"));
                    }
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }

            assertThat(cdrs.list(tenant, CdrQuery.all().withLimit(CdrQuery.MAX_LIMIT)).records()).hasSize(200);
        }
    }
}
