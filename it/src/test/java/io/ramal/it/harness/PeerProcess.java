package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One external peer process (SIPp, baresip) started by a test, with its output going to files.
 *
 * <p>{@link #stop(Duration)} ends exactly this process and the processes it started, by their
 * PIDs: SIGTERM first, SIGKILL when the grace period runs out. Nothing is ever looked up by name.
 */
final class PeerProcess {

  private final Process process;
  private final List<String> command;

  private PeerProcess(Process process, List<String> command) {
    this.process = process;
    this.command = List.copyOf(command);
  }

  /** Starts {@code command} in {@code directory}, stdout and stderr appended to the given files. */
  static PeerProcess start(List<String> command, Path directory, Path stdout, Path stderr) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      return new PeerProcess(builder.start(), command);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  long pid() {
    return process.pid();
  }

  List<String> command() {
    return command;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to exit; true if it did within {@code timeout}. */
  boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The exit code; only valid once the process has exited. */
  int exitCode() {
    return process.exitValue();
  }

  /** Terminates the process and its descendants, forcibly after {@code grace}; waits until gone. */
  void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    if (!awaitExit(grace)) {
      process.destroyForcibly();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit(Duration.ofSeconds(10));
    for (ProcessHandle child : descendants) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException ignored) {
        // Best effort: a child that outlives SIGKILL for 5 s is the kernel's business.
      }
    }
  }

  /** A text file's content, or "" when it does not exist (yet). */
  static String contentOf(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree; used for work directories the harness created itself. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
