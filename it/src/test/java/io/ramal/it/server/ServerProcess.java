package io.ramal.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ramal as an operator runs it: {@code io.ramal.server.Main} in a JVM of its own (what
 * {@code ./ramal demo|serve} execs), on the test's classpath, with a data directory and a config
 * file the test chooses. Unlike {@link TestServer} it can die the hard way: {@link #kill()} sends
 * SIGKILL, so no shutdown hook, no graceful close, nothing flushed that was not already committed.
 *
 * <p>Output goes to {@code server-<n>.out} in the given log directory. Only the process this class
 * started is ever signalled, by its own handle.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final Path log;
  private final int httpPort;

  private ServerProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * Starts {@code ramal <mode> --config <config> --data-dir <dataDir> --http-port <httpPort>
   * --sip-port <sipPort>} and waits until {@code /health} answers 200.
   *
   * @param mode {@code demo} (the config is laid over the demo defaults, the demo tenant is seeded)
   *     or {@code serve}
   */
  public static ServerProcess start(String mode, Path config, Path dataDir, int httpPort, int sipPort, Path logDir) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError", "-Xmx384m",
        "-cp", System.getProperty("java.class.path"),
        "io.ramal.server.Main", mode,
        "--config", config.toString(),
        "--data-dir", dataDir.toString(),
        "--http-port", Integer.toString(httpPort),
        "--sip-port", Integer.toString(sipPort)));
    try {
      Files.createDirectories(logDir);
      Path log;
      int n = 1;
      do {
        log = logDir.resolve("server-" + n++ + ".out");
      } while (Files.exists(log));
      Process process = new ProcessBuilder(command)
          .directory(logDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      ServerProcess server = new ServerProcess(process, log, httpPort);
      server.awaitHealthy();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public int httpPort() {
    return httpPort;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the server printed so far (its log lines and banner). */
  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code kill -9}: {@link Process#destroyForcibly()} is SIGKILL on Linux. Waits for the process
   * to be gone and returns its exit status, 137 (128 + 9) for a process the signal ended.
   */
  public int kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("server process " + process.pid() + " outlived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited with " + process.exitValue() + " while starting:\n" + output());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new AssertionError("server not healthy within " + READY_WITHIN + ":\n" + output());
  }

  /** Stops the server the polite way (SIGTERM, its shutdown hook runs), SIGKILL after a grace period. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
