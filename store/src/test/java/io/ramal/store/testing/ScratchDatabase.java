package io.ramal.store.testing;

import io.ramal.store.Database;
import io.ramal.store.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An empty place for a test's store: a SQLite file in a new temporary directory, or a new schema
 * on the shared {@link PostgresFixture} server. {@link #close()} closes what {@link #open()}
 * opened and removes the place.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final DatabaseConfig config;
    private final Runnable cleanup;
    private final List<Database> opened = new ArrayList<>();

    private ScratchDatabase(DatabaseConfig config, Runnable cleanup) {
        this.config = config;
        this.cleanup = cleanup;
    }

    public static ScratchDatabase create(Backend backend) {
        return switch (backend) {
            case SQLITE -> sqlite();
            case POSTGRESQL -> postgres();
        };
    }

    public static ScratchDatabase sqlite() {
        try {
            Path directory = Files.createTempDirectory("ramal-store-");
            return new ScratchDatabase(DatabaseConfig.sqlite(directory.resolve("ramal.db")),
                    () -> deleteRecursively(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScratchDatabase postgres() {
        PostgresSchema schema = PostgresFixture.freshSchema();
        return new ScratchDatabase(schema.config(), schema::close);
    }

    public DatabaseConfig config() {
        return config;
    }

    /** Opens (and migrates) a store here; closed with this scratch database. */
    public Database open() {
        Database database = Database.open(config);
        opened.add(database);
        return database;
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        cleanup.run();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
