package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the work directory of one peer run (scenario files, configs, logs, recordings).
 *
 * <p>They live under {@code target/peer-runs/} of the module when tests run from Maven (so
 * {@code mvn clean} removes them and a failed run's logs are easy to find), else under the
 * system temporary directory. The system property {@code ramal.it.peerRuns} overrides the root;
 * {@code ramal.it.keepPeerRuns=true} keeps every directory instead of deleting those of runs that
 * went well.
 */
final class WorkDirs {

  private WorkDirs() {}

  static Path create(String prefix) {
    try {
      Path root = root();
      Files.createDirectories(root);
      return Files.createTempDirectory(root, prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    String configured = System.getProperty("ramal.it.peerRuns");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path target = Path.of(System.getProperty("user.dir"), "target");
    if (Files.isDirectory(target)) {
      return target.resolve("peer-runs");
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "ramal-peer-runs");
  }
}
