package io.ramal.server;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ramal.server.config.Config;
import io.ramal.server.config.ConfigException;
import io.ramal.server.config.ConfigOverrides;
import io.ramal.server.config.LogLevel;
import io.ramal.server.config.YamlConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code demo} or {@code serve --config FILE}. Reads the config, starts the
 * components in order, prints where it listens, and stops everything in reverse order on
 * SIGINT/SIGTERM.
 *
 * <p>Exit codes: 0 help, 1 a component failed to start, 2 bad arguments or config.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        switch (CommandLine.parse(List.of(args))) {
            case Command.Help help -> System.out.print(CommandLine.USAGE);
            case Command.Invalid invalid -> {
                System.err.println("ramal: " + invalid.problem());
                System.err.print(CommandLine.USAGE);
                System.exit(2);
            }
            case Command.Run run -> run(run);
        }
    }

    private static void run(Command.Run run) throws InterruptedException {
        Config config;
        try {
            config = load(run, System.getenv());
        } catch (ConfigException e) {
            System.err.println("ramal: " + e.getMessage());
            System.exit(2);
            return;
        }
        applyLogLevel(config.log().level());

        PrometheusMeterRegistry registry = meterRegistry();
        Ramal ramal;
        try {
            createDataDir(config);
            ramal = new Ramal(config, registry);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("shutting down");
                ramal.close();
            }, "ramal-shutdown"));
            ramal.start();
        } catch (StartupFailedException | UncheckedIOException e) {
            System.err.println("ramal: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.print(Banner.text(run.mode(), config, ramal.endpoints()));
        System.out.flush();
        new CountDownLatch(1).await(); // the shutdown hook stops the components; the JVM then exits
    }

    /** Defaults for the mode, then the config file, then environment, then command-line overrides. */
    static Config load(Command.Run run, Map<String, String> environment) {
        Config defaults = run.mode() == Mode.DEMO ? Config.demo() : Config.production();
        Config fromFile = run.configFile().map(file -> YamlConfigReader.read(file, defaults)).orElse(defaults);
        ConfigOverrides overrides = run.overrides().over(ConfigOverrides.fromEnvironment(environment));
        return overrides.applyTo(fromFile);
    }

    private static PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    private static void createDataDir(Config config) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data_dir " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static void applyLogLevel(LogLevel level) {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.toLevel(level.name(), Level.INFO));
        }
    }
}
