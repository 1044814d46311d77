package io.ramal.server;

import io.ramal.server.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses {@code demo|serve [--config FILE] [--http-port N] [--sip-port N] [--data-dir DIR]}
 * (options also as {@code --name=value}) and {@code help}.
 */
public final class CommandLine {
    public static final String USAGE = """
            usage: ramal demo  [--config FILE] [options]   start with embedded demo defaults (loopback only)
                   ramal serve --config FILE [options]     start in production mode
                   ramal help                              show this text
            options:
              --config FILE     YAML config (see docs/config.md); in demo mode it is laid over the demo defaults
              --http-port N     HTTP port (0 = any free port)     env RAMAL_HTTP_PORT
              --sip-port N      SIP port for UDP and TCP           env RAMAL_SIP_PORT
              --data-dir DIR    data directory (SQLite file)       env RAMAL_DATA_DIR
            """;

    private CommandLine() {
    }

    public static Command parse(List<String> args) {
        if (args.isEmpty()) {
            return new Command.Invalid("missing command (demo, serve or help)");
        }
        Mode mode;
        switch (args.getFirst()) {
            case "demo" -> mode = Mode.DEMO;
            case "serve" -> mode = Mode.SERVE;
            case "help", "--help", "-h" -> {
                return new Command.Help();
            }
            default -> {
                return new Command.Invalid("unknown command '" + args.getFirst() + "' (expected demo, serve or help)");
            }
        }
        Optional<Path> config = Optional.empty();
        OptionalInt httpPort = OptionalInt.empty();
        OptionalInt sipPort = OptionalInt.empty();
        Optional<Path> dataDir = Optional.empty();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Command.Help();
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg;
                if (i + 1 >= args.size()) {
                    return new Command.Invalid(knownOption(name) ? name + " needs a value" : "unknown option '" + name + "'");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--config" -> config = Optional.of(Path.of(value));
                case "--data-dir" -> dataDir = Optional.of(Path.of(value));
                case "--http-port", "--sip-port" -> {
                    OptionalInt port = port(value);
                    if (port.isEmpty()) {
                        return new Command.Invalid(name + " must be a port number (0-65535), got '" + value + "'");
                    }
                    if (name.equals("--http-port")) {
                        httpPort = port;
                    } else {
                        sipPort = port;
                    }
                }
                default -> {
                    return new Command.Invalid("unknown option '" + name + "'");
                }
            }
        }
        if (mode == Mode.SERVE && config.isEmpty()) {
            return new Command.Invalid("serve needs --config FILE (see docs/reference.yaml)");
        }
        return new Command.Run(mode, config, new ConfigOverrides(httpPort, sipPort, dataDir));
    }

    private static boolean knownOption(String name) {
        return List.of("--config", "--data-dir", "--http-port", "--sip-port").contains(name);
    }

    private static OptionalInt port(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65_535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
