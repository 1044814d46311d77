package io.ramal.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    @Test
    void replacesPortsAndDataDir() {
        Config config = new ConfigOverrides(OptionalInt.of(0), OptionalInt.of(15060), Optional.of(Path.of("/tmp/r")))
                .applyTo(Config.demo());
        assertThat(config.http().port()).isZero();
        assertThat(config.sip().port()).isEqualTo(15060);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/r"));
    }

    @Test
    void movingTheDataDirMovesTheDefaultSqliteFile() {
        Config config = new ConfigOverrides(OptionalInt.empty(), OptionalInt.empty(), Optional.of(Path.of("/tmp/r")))
                .applyTo(Config.demo());
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/r/ramal.db");
    }

    @Test
    void anExplicitStoreUrlStaysWhenTheDataDirMoves() {
        Config withUrl = YamlConfigReader.read("store:\n  url: jdbc:sqlite:/srv/x.db\n", Config.demo());
        Config config = new ConfigOverrides(OptionalInt.empty(), OptionalInt.empty(), Optional.of(Path.of("/tmp/r")))
                .applyTo(withUrl);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/x.db");
    }

    @Test
    void noOverridesChangeNothing() {
        assertThat(ConfigOverrides.none().applyTo(Config.demo())).isEqualTo(Config.demo());
        assertThat(ConfigOverrides.fromEnvironment(Map.of())).isEqualTo(ConfigOverrides.none());
    }

    @Test
    void readsTheEnvironment() {
        ConfigOverrides env = ConfigOverrides.fromEnvironment(Map.of(
                "RAMAL_HTTP_PORT", "18080", "RAMAL_SIP_PORT", " 15060 ", "RAMAL_DATA_DIR", "/tmp/env"));
        assertThat(env).isEqualTo(
                new ConfigOverrides(OptionalInt.of(18080), OptionalInt.of(15060), Optional.of(Path.of("/tmp/env"))));
    }

    @Test
    void commandLineWinsOverEnvironment() {
        ConfigOverrides cli = new ConfigOverrides(OptionalInt.of(1), OptionalInt.empty(), Optional.empty());
        ConfigOverrides env = new ConfigOverrides(OptionalInt.of(2), OptionalInt.of(3), Optional.of(Path.of("/e")));
        assertThat(cli.over(env))
                .isEqualTo(new ConfigOverrides(OptionalInt.of(1), OptionalInt.of(3), Optional.of(Path.of("/e"))));
    }

    @Test
    void aBadEnvironmentPortNamesTheVariable() {
        assertThatThrownBy(() -> ConfigOverrides.fromEnvironment(Map.of("RAMAL_SIP_PORT", "sixty")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RAMAL_SIP_PORT")
                .hasMessageContaining("sixty");
        assertThatThrownBy(() -> ConfigOverrides.fromEnvironment(Map.of("RAMAL_HTTP_PORT", "65536")))
                .hasMessageContaining("RAMAL_HTTP_PORT");
    }
}
