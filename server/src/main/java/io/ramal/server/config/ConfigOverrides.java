package io.ramal.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Values that win over the config file: command-line options ({@code --http-port},
 * {@code --sip-port}, {@code --data-dir}) and the environment variables
 * {@code RAMAL_HTTP_PORT}, {@code RAMAL_SIP_PORT}, {@code RAMAL_DATA_DIR}.
 * Command-line options win over the environment.
 */
public record ConfigOverrides(OptionalInt httpPort, OptionalInt sipPort, Optional<Path> dataDir) {
    public static final String HTTP_PORT_VARIABLE = "RAMAL_HTTP_PORT";
    public static final String SIP_PORT_VARIABLE = "RAMAL_SIP_PORT";
    public static final String DATA_DIR_VARIABLE = "RAMAL_DATA_DIR";

    public ConfigOverrides {
        Objects.requireNonNull(httpPort, "httpPort");
        Objects.requireNonNull(sipPort, "sipPort");
        Objects.requireNonNull(dataDir, "dataDir");
        httpPort.ifPresent(p -> Ports.check("HTTP port", p));
        sipPort.ifPresent(p -> Ports.check("SIP port", p));
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    /** Reads the {@code RAMAL_*} variables from {@code environment} (pass {@code System.getenv()}). */
    public static ConfigOverrides fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        String dataDir = environment.get(DATA_DIR_VARIABLE);
        return new ConfigOverrides(
                portVariable(environment, HTTP_PORT_VARIABLE),
                portVariable(environment, SIP_PORT_VARIABLE),
                dataDir == null || dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir)));
    }

    /** These overrides, with {@code lower}'s values filling the gaps. */
    public ConfigOverrides over(ConfigOverrides lower) {
        return new ConfigOverrides(
                httpPort.isPresent() ? httpPort : lower.httpPort,
                sipPort.isPresent() ? sipPort : lower.sipPort,
                dataDir.or(() -> lower.dataDir));
    }

    public Config applyTo(Config config) {
        Config result = config;
        if (httpPort.isPresent()) {
            result = result.withHttp(result.http().withPort(httpPort.getAsInt()));
        }
        if (sipPort.isPresent()) {
            result = result.withSip(result.sip().withPort(sipPort.getAsInt()));
        }
        if (dataDir.isPresent()) {
            result = result.withDataDir(dataDir.get());
        }
        return result;
    }

    private static OptionalInt portVariable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(value.strip());
            Ports.check(name, port);
            return OptionalInt.of(port);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", "environment variable " + name + " must be a port number (0-65535), got '"
                    + value + "'");
        }
    }
}
