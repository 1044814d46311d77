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

    @Test
    void aWriterWaitsItsTurnBehindAnOpenTransactionWhileReadersNeverWait() throws Exception {
        try (Database database = Database.open(DatabaseConfig.sqlite(directory.resolve("ramal.db")));
                ExecutorService others = Executors.newFixedThreadPool(2)) {
            try (Connection setup = database.dataSource().getConnection(); Statement ddl = setup.createStatement()) {
                ddl.executeUpdate("CREATE TABLE turns (n INTEGER)");
            }
            WriterTurns turns = database.dataSource().unwrap(WriterTurns.class);
            Future<Long> writer;
            try (Connection holder = database.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (Statement insert = holder.createStatement()) {
                    insert.executeUpdate("INSERT INTO turns VALUES (1)");
                }
                assertThat(turns.taken()).as("the open transaction holds the turn").isTrue();
                writer = others.submit(() -> {
                    try (Connection c = database.dataSource().getConnection(); Statement insert = c.createStatement()) {
                        insert.executeUpdate("INSERT INTO turns VALUES (2)");
                    }
                    return 0L;
                });
                Future<Integer> reader = others.submit(() -> {
                    try (Connection c = database.dataSource().getConnection(); Statement select = c.createStatement();
                            ResultSet rows = select.executeQuery("SELECT count(*) FROM turns")) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
                assertThat(reader.get(2, java.util.concurrent.TimeUnit.SECONDS))
                        .as("a reader sees the committed state at once").isZero();
                Thread.sleep(300);
                assertThat(writer).as("the second writer waits its turn").isNotDone();
                holder.commit();
                holder.setAutoCommit(true);
            }
            writer.get(2, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(turns.taken()).isFalse();
            try (Connection c = database.dataSource().getConnection(); Statement select = c.createStatement();
                    ResultSet rows = select.executeQuery("SELECT count(*) FROM turns")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aWriterOnTheEventPathWaitsForAtMostOneBackgroundWriterNotForTheirQueue() throws Exception {
        try (Database database = Database.open(DatabaseConfig.sqlite(directory.resolve("ramal.db")));
                ExecutorService others = Executors.newFixedThreadPool(4)) {
            try (Connection setup = database.dataSource().getConnection(); Statement ddl = setup.createStatement()) {
                ddl.executeUpdate("CREATE TABLE turns (n INTEGER)");
            }
            List<Future<?>> writers = new ArrayList<>();
            try (Connection holder = database.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                try (Statement insert = holder.createStatement()) {
                    insert.executeUpdate("INSERT INTO turns VALUES (0)");
                }
                for (int n = 1; n <= 3; n++) {
                    int value = n;
                    writers.add(others.submit(() -> insert(database.backgroundDataSource(), value)));
                    Thread.sleep(100);
                }
                writers.add(others.submit(() -> insert(database.dataSource(), 100)));
                Thread.sleep(200);
                holder.commit();
                holder.setAutoCommit(true);
            }
            for (Future<?> writer : writers) {
                writer.get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            List<Integer> order = new ArrayList<>();
            try (Connection c = database.dataSource().getConnection(); Statement select = c.createStatement();
                    ResultSet rows = select.executeQuery("SELECT n FROM turns ORDER BY rowid")) {
                while (rows.next()) {
                    order.add(rows.getInt(1));
                }
            }
            assertThat(order).as("the first background writer was already waiting for the turn; the others let "
                    + "the event path's writer go first").containsExactly(0, 1, 100, 2, 3);
        }
    }

    private static Void insert(javax.sql.DataSource dataSource, int value) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement insert = c.createStatement()) {
            insert.executeUpdate("INSERT INTO turns VALUES (" + value + ")");
        }
        return null;
    }
}
