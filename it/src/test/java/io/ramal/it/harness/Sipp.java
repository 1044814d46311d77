package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A running SIPp process on 127.0.0.1, started from a {@link Builder}.
 *
 * <p>Caller side (runs to the end):
 * <pre>{@code
 * SippResult result = Sipp.builder(SippScenario.uacDigest())
 *     .remote(server).service("1002").accounts(new SipAccount("1001", "secret"))
 *     .callDuration(Duration.ofMillis(500))
 *     .run(Duration.ofSeconds(20));
 * result.requireSuccess();
 * }</pre>
 * Callee side (in the background while something else calls it):
 * <pre>{@code
 * try (Sipp callee = Sipp.builder(SippScenario.uasAnswer()).start()) {
 *   callee.awaitListening(Duration.ofSeconds(5));
 *   ... call callee.address() ...
 *   callee.awaitExit(Duration.ofSeconds(20)).requireSuccess();
 * }
 * }</pre>
 * {@link SippPeers} builds the usual roles (caller, registered callee...) against a server.
 *
 * <p>Every run gets its own work directory holding the scenario files, the injection CSV and SIPp's
 * logs: a new one under {@code target/peer-runs/} unless {@link Builder#workDir} is given, deleted
 * on {@link #close()} only if the run succeeded (kept always with
 * {@code -Dramal.it.keepPeerRuns=true}). SIPp always runs with {@code -nostdin}, never {@code -bg}:
 * the harness keeps the process and {@link #close()} stops it by PID (SIGTERM, then SIGKILL).
 */
public final class Sipp implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final PeerProcess process;
  private final SipTransport transport;
  private final int port;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final List<PortRange> ports;
  private SippResult result;
  private boolean closed;

  private Sipp(PeerProcess process, SipTransport transport, int port, Path workDir, boolean ownsWorkDir,
      List<PortRange> ports) {
    this.process = process;
    this.transport = transport;
    this.port = port;
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
    this.ports = List.copyOf(ports);
  }

  /** A builder for a SIPp run of {@code scenario}. */
  public static Builder builder(SippScenario scenario) {
    return new Builder(scenario);
  }

  /** SIPp's PID. */
  public long pid() {
    return process.pid();
  }

  /** The local SIP port SIPp uses ({@code -p}). */
  public int port() {
    return port;
  }

  /** 127.0.0.1 and {@link #port()}: where to send requests to this SIPp. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  public SipTransport transport() {
    return transport;
  }

  public Path workDir() {
    return workDir;
  }

  public List<String> command() {
    return process.command();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Waits until SIPp listens on its SIP port (UDP bound, or TCP listening), for server-side
   * scenarios. Fails with SIPp's logs if it exits or the time runs out.
   */
  public Sipp awaitListening(Duration timeout) {
    await("SIPp listening on " + transport + " port " + port,
        () -> ListeningSockets.isListening(transport, port), timeout);
    return this;
  }

  /** Waits until a {@code <log>} action wrote a line containing {@code fragment}. */
  public Sipp awaitActionLog(String fragment, Duration timeout) {
    Objects.requireNonNull(fragment, "fragment");
    await("SIPp log line containing '" + fragment + "'", () -> actionLog().contains(fragment), timeout);
    return this;
  }

  /** Waits until a registering scenario logged its "registered" line (REGISTER got its 200). */
  public Sipp awaitRegistered(Duration timeout) {
    return awaitActionLog("registered ", timeout);
  }

  /** The {@code <log>} action lines so far. */
  public String actionLog() {
    return PeerProcess.contentOf(file(SippFile.ACTIONS));
  }

  /** Every message sent and received so far ({@code -trace_msg}; empty when tracing is off). */
  public String messageLog() {
    return PeerProcess.contentOf(file(SippFile.MESSAGES));
  }

  /** The unexpected-message log so far. */
  public String errorLog() {
    return PeerProcess.contentOf(file(SippFile.ERRORS));
  }

  /**
   * Waits up to {@code timeout} for SIPp to exit by itself, kills it if it does not, and returns
   * how it ended. Calling it again returns the same result.
   */
  public synchronized SippResult awaitExit(Duration timeout) {
    if (result == null) {
      boolean exited = process.awaitExit(timeout);
      if (!exited) {
        process.stop(STOP_GRACE);
      }
      result = collect(!exited);
    }
    return result;
  }

  /**
   * Stops SIPp by PID if it still runs, releases the ports the harness chose for it, and deletes
   * the work directory the harness created if the run succeeded.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (process.isAlive()) {
      process.stop(STOP_GRACE);
    }
    ports.forEach(FreePorts::release);
    if (result == null) {
      result = collect(false);
    }
    if (ownsWorkDir && result.succeeded() && !Boolean.getBoolean("ramal.it.keepPeerRuns")) {
      PeerProcess.deleteTree(workDir);
    }
  }

  private SippResult collect(boolean timedOut) {
    return new SippResult(
        process.command(),
        process.exitCode(),
        timedOut,
        PeerProcess.contentOf(file(SippFile.STDOUT)),
        PeerProcess.contentOf(file(SippFile.STDERR)),
        PeerProcess.contentOf(file(SippFile.ERRORS)),
        PeerProcess.contentOf(file(SippFile.ACTIONS)),
        PeerProcess.contentOf(file(SippFile.MESSAGES)),
        SippStatistics.read(file(SippFile.STATISTICS)),
        workDir);
  }

  private void await(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError("SIPp exited while waiting for " + what + "\n" + awaitExit(Duration.ZERO).describe());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "\n"
            + "command: " + String.join(" ", process.command()) + "\n" + errorLog() + actionLog());
      }
      sleep(POLL);
    }
  }

  private Path file(SippFile name) {
    return workDir.resolve(name.fileName);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The files SIPp writes in its work directory. */
  private enum SippFile {
    STDOUT("stdout.log"),
    STDERR("stderr.log"),
    ERRORS("errors.log"),
    ACTIONS("actions.log"),
    MESSAGES("messages.log"),
    STATISTICS("statistics.csv"),
    ACCOUNTS("accounts.csv");

    private final String fileName;

    SippFile(String fileName) {
      this.fileName = fileName;
    }
  }

  /**
   * The options of one SIPp run. Defaults: UDP, a free local port, media on 127.0.0.1 at free
   * ports, 1 call ({@code -m 1}), domain "127.0.0.1" ({@code -key domain}), message tracing on.
   */
  public static final class Builder {

    private final SippScenario scenario;
    private SippScenario outOfCallScenario;
    private InetSocketAddress remote;
    private SipTransport transport = SipTransport.UDP;
    private Integer localPort;
    private String service;
    private String domain = LOOPBACK;
    private String localIp = LOOPBACK;
    private String authUri;
    private final List<SipAccount> accounts = new ArrayList<>();
    private int calls = 1;
    private Double rate;
    private Duration ratePeriod;
    private Integer concurrentLimit;
    private Duration callDuration;
    private final Map<String, String> keywords = new LinkedHashMap<>();
    private final Map<String, String> globals = new LinkedHashMap<>();
    private boolean autoAnswer;
    private boolean rtpEcho;
    private boolean traceMessages = true;
    private Path workDir;
    private final List<String> extraArguments = new ArrayList<>();

    private Builder(SippScenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** The scenario that serves requests with unknown Call-IDs ({@code -oocsf}/{@code -oocsn}). */
    public Builder outOfCall(SippScenario outOfCall) {
      this.outOfCallScenario = Objects.requireNonNull(outOfCall, "outOfCall");
      return this;
    }

    /** Where client scenarios send their requests (SIPp's positional remote host). Must be loopback. */
    public Builder remote(InetSocketAddress remote) {
      Objects.requireNonNull(remote, "remote");
      if (remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("tests only talk to loopback, not " + remote);
      }
      this.remote = remote;
      return this;
    }

    public Builder transport(SipTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The local SIP port ({@code -p}); a free one by default. */
    public Builder localPort(int port) {
      this.localPort = port;
      return this;
    }

    /** {@code -s}: the callee user of client scenarios ({@code [service]}). */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /**
     * The loopback address SIPp sends from and listens on ({@code -i}, {@code -mi}); 127.0.0.1 by
     * default. Another 127.x address makes a distinct source for the server (a second "machine").
     */
    public Builder localIp(String address) {
      if (!address.startsWith("127.") && !address.equals("::1")) {
        throw new IllegalArgumentException("loopback addresses only: " + address);
      }
      this.localIp = address;
      return this;
    }

    /** The SIP domain of From/To/Request-URIs ({@code -key domain}); "127.0.0.1" by default. */
    public Builder domain(String domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /** Overrides {@code -auth_uri}; by default the bundled scenarios' Request-URI, so digests are computed over it. */
    public Builder authUri(String authUri) {
      this.authUri = Objects.requireNonNull(authUri, "authUri");
      return this;
    }

    /**
     * Users for the injection CSV ({@code -inf}, read in sequence, one line per call): field0 the
     * user, field1 SIPp's {@code [authentication ...]} keyword with its credentials, field2 the
     * password.
     */
    public Builder accounts(SipAccount... accounts) {
      this.accounts.addAll(List.of(accounts));
      return this;
    }

    /** {@code -m}: stop after this many calls of the main scenario; 1 by default. */
    public Builder calls(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("calls must be positive: " + calls);
      }
      this.calls = calls;
      return this;
    }

    /** {@code -r}: new calls per second. */
    public Builder rate(double callsPerSecond) {
      this.rate = callsPerSecond;
      return this;
    }

    /** {@code -r} and {@code -rp}: {@code calls} new calls every {@code period}. */
    public Builder rate(int calls, Duration period) {
      this.rate = (double) calls;
      this.ratePeriod = Objects.requireNonNull(period, "period");
      return this;
    }

    /** {@code -l}: at most this many simultaneous calls. */
    public Builder concurrentLimit(int limit) {
      this.concurrentLimit = limit;
      return this;
    }

    /** {@code -d}: the length of every {@code <pause/>} without its own duration (talk time, ring time). */
    public Builder callDuration(Duration duration) {
      this.callDuration = Objects.requireNonNull(duration, "duration");
      return this;
    }

    /** {@code -key name value}: a keyword usable as {@code [name]} in the scenario. */
    public Builder keyword(String name, String value) {
      keywords.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** {@code -set name value}: a global variable of the scenario. */
    public Builder global(String name, String value) {
      globals.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** {@code -aa}: answer unexpected INFO, NOTIFY, OPTIONS and UPDATE with 200. */
    public Builder autoAnswer() {
      this.autoAnswer = true;
      return this;
    }

    /** {@code -rtp_echo}: echo RTP received on the media port back to its sender. */
    public Builder rtpEcho() {
      this.rtpEcho = true;
      return this;
    }

    /** Whether to log every message ({@code -trace_msg}); on by default, turn off for load. */
    public Builder traceMessages(boolean trace) {
      this.traceMessages = trace;
      return this;
    }

    /** Run in this directory (kept afterwards) instead of a new temporary one. */
    public Builder workDir(Path workDir) {
      this.workDir = Objects.requireNonNull(workDir, "workDir");
      return this;
    }

    /** Any further SIPp arguments, appended as given. */
    public Builder arguments(String... arguments) {
      extraArguments.addAll(List.of(arguments));
      return this;
    }

    /** Starts SIPp and returns at once; see {@link Sipp#awaitListening} and {@link Sipp#awaitExit}. */
    public Sipp start() {
      boolean ownsDir = workDir == null;
      Path dir = ownsDir ? WorkDirs.create("sipp-" + scenario.name()) : workDir;
      List<PortRange> chosen = new ArrayList<>();
      int port = localPort != null ? localPort : choose(chosen, 1);
      int media = choose(chosen, 4);
      int control = choose(chosen, 1);
      try {
        List<String> command = command(dir, port, media, control);
        PeerProcess process = PeerProcess.start(
            command, dir, dir.resolve(SippFile.STDOUT.fileName), dir.resolve(SippFile.STDERR.fileName));
        return new Sipp(process, transport, port, dir, ownsDir, chosen);
      } catch (RuntimeException e) {
        chosen.forEach(FreePorts::release);
        throw e;
      }
    }

    /** Starts SIPp, waits up to {@code timeout} for it to end (killing it if not) and returns how it ended. */
    public SippResult run(Duration timeout) {
      try (Sipp sipp = start()) {
        return sipp.awaitExit(timeout);
      }
    }

    private static int choose(List<PortRange> chosen, int count) {
      PortRange range = FreePorts.consecutive(count);
      chosen.add(range);
      return range.first();
    }

    private List<String> command(Path dir, int port, int media, int control) {
      List<String> command = new ArrayList<>(List.of("sipp"));
      scenario.addArguments(command, "-sf", dir);
      if (outOfCallScenario != null) {
        outOfCallScenario.addArguments(command, "-oocsf", dir);
      }
      add(command, "-i", localIp, "-p", Integer.toString(port), "-t", transport.sippMode());
      add(command, "-mi", localIp, "-mp", Integer.toString(media));
      add(command, "-cp", Integer.toString(control));
      add(command, "-nostdin", "-m", Integer.toString(calls));
      add(command, "-key", "domain", domain);
      keywords.forEach((name, value) -> add(command, "-key", name, value));
      globals.forEach((name, value) -> add(command, "-set", name, value));
      if (service != null) {
        add(command, "-s", service);
      }
      Optional<String> digestUri = authUri != null
          ? Optional.of(authUri)
          : scenario.digestUri(service == null ? "service" : service, domain);
      digestUri.ifPresent(uri -> add(command, "-auth_uri", uri));
      if (!accounts.isEmpty()) {
        add(command, "-inf", writeAccounts(dir).toString());
      }
      if (rate != null) {
        add(command, "-r", rate % 1 == 0 ? Long.toString(rate.longValue()) : String.format(Locale.ROOT, "%.3f", rate));
      }
      if (ratePeriod != null) {
        add(command, "-rp", Long.toString(ratePeriod.toMillis()));
      }
      if (concurrentLimit != null) {
        add(command, "-l", Integer.toString(concurrentLimit));
      }
      if (callDuration != null) {
        add(command, "-d", Long.toString(callDuration.toMillis()));
      }
      if (autoAnswer) {
        add(command, "-aa");
      }
      if (rtpEcho) {
        add(command, "-rtp_echo");
      }
      add(command, "-trace_err", "-error_file", dir.resolve(SippFile.ERRORS.fileName).toString());
      add(command, "-trace_logs", "-log_file", dir.resolve(SippFile.ACTIONS.fileName).toString());
      add(command, "-trace_stat", "-stf", dir.resolve(SippFile.STATISTICS.fileName).toString());
      if (traceMessages) {
        add(command, "-trace_msg", "-message_file", dir.resolve(SippFile.MESSAGES.fileName).toString());
      }
      command.addAll(extraArguments);
      if (remote != null) {
        String host = remote.getAddress().getHostAddress();
        command.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + remote.getPort());
      }
      return command;
    }

    private Path writeAccounts(Path dir) {
      StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
      for (SipAccount account : accounts) {
        csv.append(account.user()).append(';')
            .append("[authentication username=").append(account.user())
            .append(" password=").append(account.password()).append("];")
            .append(account.password()).append('\n');
      }
      Path file = dir.resolve(SippFile.ACCOUNTS.fileName);
      try {
        Files.writeString(file, csv, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }

    private static void add(List<String> command, String... arguments) {
      command.addAll(List.of(arguments));
    }
  }
}
