package io.ramal.server;

import io.ramal.server.config.ConfigOverrides;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** What the command line asked for; see {@link CommandLine#parse}. */
public sealed interface Command {
    /** Run the server. {@code configFile} is required for {@link Mode#SERVE}, optional for {@link Mode#DEMO}. */
    record Run(Mode mode, Optional<Path> configFile, ConfigOverrides overrides) implements Command {
        public Run {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(configFile, "configFile");
            Objects.requireNonNull(overrides, "overrides");
        }
    }

    /** Print usage and exit successfully. */
    record Help() implements Command {
    }

    /** The arguments make no sense; {@code problem} says why. */
    record Invalid(String problem) implements Command {
        public Invalid {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
