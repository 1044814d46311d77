package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void defaultsToSqliteFileUnderData() {
        DatabaseConfig config = DatabaseConfig.defaults();

        assertThat(config.vendor()).isEqualTo(DatabaseVendor.SQLITE);
        assertThat(config.sqliteFile()).contains(Path.of("data", "ramal.db"));
    }

    @Test
    void recognisesPostgresqlUrls() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://127.0.0.1:5432/ramal");

        assertThat(config.vendor()).isEqualTo(DatabaseVendor.POSTGRESQL);
        assertThat(config.sqliteFile()).isEmpty();
    }

    @Test
    void findsSqliteFileBeforeUrlOptions() {
        assertThat(DatabaseConfig.of("jdbc:sqlite:/var/lib/ramal/ramal.db?cache=shared").sqliteFile())
                .contains(Path.of("/var/lib/ramal/ramal.db"));
        assertThat(DatabaseConfig.of("jdbc:sqlite::memory:").sqliteFile()).isEmpty();
    }

    @Test
    void rejectsOtherDatabases() {
        assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://127.0.0.1/ramal"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql");
    }

    @Test
    void hidesPasswordWhenPrinted() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://127.0.0.1/ramal").withCredentials("ramal", "s3cret");

        assertThat(config.toString()).contains("ramal").doesNotContain("s3cret");
    }

    @Test
    void rejectsEmptyPool() {
        assertThatThrownBy(() -> DatabaseConfig.defaults().withMaxPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
