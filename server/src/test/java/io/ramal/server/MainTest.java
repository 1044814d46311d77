package io.ramal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.server.config.Config;
import io.ramal.server.config.ConfigOverrides;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void demoStartsFromTheDemoDefaults() {
        Config config = Main.load(new Command.Run(Mode.DEMO, Optional.empty(), ConfigOverrides.none()), Map.of());
        assertThat(config).isEqualTo(Config.demo());
    }

    @Test
    void fileThenEnvironmentThenCommandLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("ramal.yaml"), """
                http: {port: 1111}
                sip: {port: 2222}
                data_dir: /from/file
                """);
        Command.Run run = new Command.Run(Mode.SERVE, Optional.of(file),
                new ConfigOverrides(OptionalInt.of(3333), OptionalInt.empty(), Optional.empty()));
        Config config = Main.load(run, Map.of("RAMAL_HTTP_PORT", "4444", "RAMAL_SIP_PORT", "5555"));

        assertThat(config.http().port()).isEqualTo(3333);
        assertThat(config.sip().port()).isEqualTo(5555);
        assertThat(config.dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(config.sip().bind()).isEqualTo("0.0.0.0");
    }

    @Test
    void theAssembledServerAnswersHealthOnAFreePort(@TempDir Path data) throws Exception {
        Config config = new ConfigOverrides(OptionalInt.of(0), OptionalInt.of(0), Optional.of(data))
                .applyTo(Config.demo());
        Ramal components = new Ramal(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        components.start();
        try {
            String endpoint = components.endpoints().stream().filter(e -> e.startsWith("http ")).findFirst().orElseThrow();
            URI base = URI.create(endpoint.split("\\s+")[1]);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(base.getHost()).isEqualTo("127.0.0.1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":\"up\"").contains("\"store\":\"up\"").contains("\"sip\":\"up\"");
            assertThat(components.endpoints()).anyMatch(e -> e.startsWith("sip   udp 127.0.0.1:"));
        } finally {
            components.close();
        }
    }

    @Test
    void demoBannerShowsTheCredentials() {
        String banner = Banner.text(Mode.DEMO, Config.demo(), List.of("http  http://127.0.0.1:8080/"));
        assertThat(banner)
                .contains("demo mode")
                .contains("http  http://127.0.0.1:8080/")
                .contains("1001/demo1001")
                .contains("1010/demo1010")
                .contains("127.0.0.1:5080")
                .contains("4000 -> extension 1001")
                .contains("<sip:1001@127.0.0.1:5060>;auth_pass=demo1001");
    }

    @Test
    void productionBannerShowsNoCredentials() {
        String banner = Banner.text(Mode.SERVE, Config.demo(), List.of());
        assertThat(banner).contains("production mode").doesNotContain("demo1001");
    }
}
