package io.ramal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.server.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void demoNeedsNothingElse() {
        assertThat(CommandLine.parse(List.of("demo")))
                .isEqualTo(new Command.Run(Mode.DEMO, Optional.empty(), ConfigOverrides.none()));
    }

    @Test
    void serveReadsTheConfigFileAndOverrides() {
        Command command = CommandLine.parse(List.of(
                "serve", "--config", "/etc/ramal.yaml", "--http-port", "0", "--sip-port=15060", "--data-dir=/tmp/d"));
        assertThat(command).isEqualTo(new Command.Run(Mode.SERVE, Optional.of(Path.of("/etc/ramal.yaml")),
                new ConfigOverrides(OptionalInt.of(0), OptionalInt.of(15060), Optional.of(Path.of("/tmp/d")))));
    }

    @Test
    void serveWithoutConfigIsRefused() {
        assertThat(CommandLine.parse(List.of("serve")))
                .isInstanceOfSatisfying(Command.Invalid.class, i -> assertThat(i.problem()).contains("--config"));
    }

    @Test
    void badPortsAreRefused() {
        assertThat(CommandLine.parse(List.of("demo", "--http-port", "http")))
                .isInstanceOfSatisfying(Command.Invalid.class, i -> assertThat(i.problem()).contains("'http'"));
        assertThat(CommandLine.parse(List.of("demo", "--sip-port=65536"))).isInstanceOf(Command.Invalid.class);
    }

    @Test
    void unknownCommandsAndOptionsAreRefused() {
        assertThat(CommandLine.parse(List.of())).isInstanceOf(Command.Invalid.class);
        assertThat(CommandLine.parse(List.of("start"))).isInstanceOf(Command.Invalid.class);
        assertThat(CommandLine.parse(List.of("demo", "--verbose", "x")))
                .isInstanceOfSatisfying(Command.Invalid.class, i -> assertThat(i.problem()).contains("--verbose"));
        assertThat(CommandLine.parse(List.of("demo", "--config")))
                .isInstanceOfSatisfying(Command.Invalid.class, i -> assertThat(i.problem()).contains("needs a value"));
    }

    @Test
    void helpIsRecognisedAnywhere() {
        assertThat(CommandLine.parse(List.of("help"))).isInstanceOf(Command.Help.class);
        assertThat(CommandLine.parse(List.of("serve", "--help"))).isInstanceOf(Command.Help.class);
    }
}
