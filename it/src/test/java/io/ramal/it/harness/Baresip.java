package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real softphone for end-to-end tests: baresip on 127.0.0.1 with its own config directory,
 * driven over ctrl_tcp, sending a generated tone and recording what it receives.
 *
 * <pre>{@code
 * try (Baresip alice = Baresip.builder("1001").registrar(server, "secret1").tone(1000).start();
 *      Baresip bob = Baresip.builder("1002").registrar(server, "secret2").tone(600).start()) {
 *   alice.awaitRegistered(Duration.ofSeconds(5));
 *   bob.awaitRegistered(Duration.ofSeconds(5));
 *   alice.dial("sip:1002@127.0.0.1");
 *   bob.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(10));     // bob answers by itself
 *   alice.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(10));
 *   Thread.sleep(2000);                                              // let audio flow
 *   alice.hangup();
 *   bob.awaitEvent("CALL_CLOSED", Duration.ofSeconds(10));
 *   assertThat(Tone.analyze(bob.awaitReceivedAudio(Duration.ofSeconds(5)), ...).isToneOf(1000, 20)).isTrue();
 * }
 * }</pre>
 *
 * <p>Without a registrar the account does not register ({@code regint=0}) and other peers reach
 * it directly at {@link #contactUri()}. With one, every request goes to the registrar as outbound
 * proxy over the builder's transport. Audio: the source is a WAV file ({@code aufile}, a generated
 * 8 kHz sine unless {@link Builder#audioSource} is given), the player a null device, and the
 * {@code sndfile} module writes each call's decoded received audio to {@code *-dec.wav} and the
 * sent audio to {@code *-enc.wav} under {@link #recordingsDir()} (8 kHz mono 16-bit for G.711;
 * names carry the call's start second, so do not start two calls of one peer within a second).
 *
 * <p>{@link #close()} stops baresip by PID (SIGTERM, then SIGKILL after 3 s).
 */
public final class Baresip implements AutoCloseable {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration STOP_GRACE = Duration.ofSeconds(3);

  private final PeerProcess process;
  private final BaresipControl control;
  private final String user;
  private final int sipPort;
  private final SipTransport transport;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final List<PortRange> ports;
  private boolean closed;

  private Baresip(PeerProcess process, BaresipControl control, String user, int sipPort,
      SipTransport transport, Path workDir, boolean ownsWorkDir, List<PortRange> ports) {
    this.process = process;
    this.control = control;
    this.user = user;
    this.sipPort = sipPort;
    this.transport = transport;
    this.workDir = workDir;
    this.ownsWorkDir = ownsWorkDir;
    this.ports = List.copyOf(ports);
  }

  /** A builder for a baresip peer whose account user is {@code user}. */
  public static Builder builder(String user) {
    return new Builder(user);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * A port to give {@link Builder#sipPort} that the test chooses before baresip starts (e.g. a
   * trunk's address): baresip binds TLS on the next port too, so both are reserved; a single
   * free port lets a concurrent peer take the next one and baresip then fails to start.
   */
  public static int reservedSipPort() {
    return FreePorts.consecutive(2).first();
  }

  /** The port baresip listens on for SIP over UDP and TCP (TLS would be the next port). */
  public int sipPort() {
    return sipPort;
  }

  /** Where to call this peer directly: {@code sip:<user>@127.0.0.1:<port>}, with {@code ;transport=tcp} over TCP. */
  public String contactUri() {
    return "sip:" + user + "@127.0.0.1:" + sipPort + (transport == SipTransport.TCP ? ";transport=tcp" : "");
  }

  public Path workDir() {
    return workDir;
  }

  /** Where the sndfile module writes {@code dump-<time>-dec.wav} (received) and {@code -enc.wav} (sent). */
  public Path recordingsDir() {
    return workDir.resolve("recordings");
  }

  /** Places a call, e.g. {@code dial("sip:1002@127.0.0.1")}; progress arrives as events. */
  public BaresipResponse dial(String uri) {
    return command("dial", uri);
  }

  /** Answers the ringing incoming call (with {@link AnswerMode#MANUAL}). */
  public BaresipResponse accept() {
    return command("accept");
  }

  /** Hangs up the current call. */
  public BaresipResponse hangup() {
    return command("hangup");
  }

  /** Sends one DTMF digit (0-9, *, #, A-D) in the current call. */
  public BaresipResponse sendDtmf(char digit) {
    if ("0123456789*#ABCD".indexOf(digit) < 0) {
      throw new IllegalArgumentException("not a DTMF digit: " + digit);
    }
    return command("sndcode", String.valueOf(digit));
  }

  /** Any ctrl_tcp command without parameters (a long menu command without its slash, e.g. "listcalls"). */
  public BaresipResponse command(String command) {
    return control.command(command, Optional.empty(), COMMAND_TIMEOUT);
  }

  /** Any ctrl_tcp command with parameters. */
  public BaresipResponse command(String command, String params) {
    return control.command(command, Optional.of(params), COMMAND_TIMEOUT);
  }

  /**
   * The next not yet awaited event of {@code type} (e.g. "CALL_ESTABLISHED"); fails with the
   * events seen and baresip's log if none arrives within {@code timeout}.
   */
  public BaresipEvent awaitEvent(String type, Duration timeout) {
    Objects.requireNonNull(type, "type");
    return awaitEvent(type, event -> event.type().equals(type), timeout);
  }

  /** The next not yet awaited event matching {@code condition}, described as {@code what} on failure. */
  public BaresipEvent awaitEvent(String what, Predicate<BaresipEvent> condition, Duration timeout) {
    return control.awaitEvent(condition, timeout).orElseThrow(() -> new AssertionError(
        "baresip " + user + " saw no " + what + " within " + timeout + "\n" + describe()));
  }

  /** Waits for REGISTER_OK; fails at once on REGISTER_FAIL. */
  public BaresipEvent awaitRegistered(Duration timeout) {
    BaresipEvent event = awaitEvent("REGISTER_OK or REGISTER_FAIL",
        e -> e.type().equals("REGISTER_OK") || e.type().equals("REGISTER_FAIL"), timeout);
    if (!event.type().equals("REGISTER_OK")) {
      throw new AssertionError("baresip " + user + " failed to register: " + event.param() + "\n" + describe());
    }
    return event;
  }

  /** Every event received so far, awaited or not. */
  public List<BaresipEvent> events() {
    return control.events();
  }

  /** The WAV files of audio received in calls so far, oldest first. */
  public List<Path> receivedAudio() {
    return recordings("-dec.wav");
  }

  /** The WAV files of audio sent in calls so far, oldest first. */
  public List<Path> sentAudio() {
    return recordings("-enc.wav");
  }

  /**
   * The newest received-audio WAV file, waiting until one exists; baresip finishes writing it
   * when the call closes, {@link Wav#read} copes with one still being written.
   */
  public Path awaitReceivedAudio(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Path> files = receivedAudio();
      if (!files.isEmpty()) {
        return files.getLast();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("baresip " + user + " recorded no received audio within " + timeout + "\n" + describe());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** baresip's console output so far. */
  public String log() {
    return PeerProcess.contentOf(workDir.resolve("stdout.log")) + PeerProcess.contentOf(workDir.resolve("stderr.log"));
  }

  /** Events seen and the end of baresip's log, for failure messages. */
  public String describe() {
    String log = log();
    return "events: " + events() + "\nwork dir: " + workDir + "\n--- baresip log ---\n"
        + (log.length() > 6000 ? "[...]" + log.substring(log.length() - 6000) : log);
  }

  /**
   * Stops baresip by PID, releases the ports the harness chose for it, and deletes the work
   * directory if the harness created it (unless {@code -Dramal.it.keepPeerRuns=true}).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    control.close();
    if (process.isAlive()) {
      process.stop(STOP_GRACE);
    }
    ports.forEach(FreePorts::release);
    if (ownsWorkDir && !Boolean.getBoolean("ramal.it.keepPeerRuns")) {
      PeerProcess.deleteTree(workDir);
    }
  }

  private List<Path> recordings(String suffix) {
    Path dir = recordingsDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether baresip answers incoming calls by itself. */
  public enum AnswerMode {
    AUTO,
    MANUAL
  }

  /**
   * The options of one baresip peer. Defaults: UDP, free SIP/control/RTP ports, no registrar,
   * auto answer, a 1000 Hz tone, domain "127.0.0.1".
   */
  public static final class Builder {

    private static final List<Path> MODULE_DIRS = List.of(
        Path.of("/usr/lib/baresip/modules"), Path.of("/usr/lib/x86_64-linux-gnu/baresip/modules"));

    private final String user;
    private SipTransport transport = SipTransport.UDP;
    private String domain = "127.0.0.1";
    private InetSocketAddress registrar;
    private String password;
    private Duration registrationInterval = Duration.ofSeconds(600);
    private AnswerMode answerMode = AnswerMode.AUTO;
    private double toneHz = 1000;
    private Duration toneLength = Duration.ofSeconds(60);
    private Path audioSource;
    private Integer sipPort;
    private Path workDir;
    private final List<String> configLines = new ArrayList<>();
    private boolean sipTrace;
    private final List<String> accountParameters = new ArrayList<>();

    private Builder(String user) {
      this.user = SipAccount.checkUser(user);
    }

    public Builder transport(SipTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The domain of the account's address of record ({@code sip:user@domain}) when it registers; "127.0.0.1" by default. */
    public Builder domain(String domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /** Registers at {@code registrar} (also the outbound proxy for every request) with digest {@code password}. */
    public Builder registrar(InetSocketAddress registrar, String password) {
      Objects.requireNonNull(registrar, "registrar");
      if (registrar.getAddress() == null || !registrar.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException("tests only talk to loopback, not " + registrar);
      }
      this.registrar = registrar;
      this.password = SipAccount.checkPassword(password);
      return this;
    }

    /** How often to re-register ({@code regint}); 600 s by default. */
    public Builder registrationInterval(Duration interval) {
      this.registrationInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    public Builder answerMode(AnswerMode mode) {
      this.answerMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sends a sine of this frequency (60 s of 8 kHz mono); 1000 Hz by default. */
    public Builder tone(double hz) {
      this.toneHz = hz;
      this.audioSource = null;
      return this;
    }

    /** Sends this WAV file instead of a tone. */
    public Builder audioSource(Path wav) {
      this.audioSource = Objects.requireNonNull(wav, "wav");
      return this;
    }

    /**
     * The SIP port (UDP and TCP; TLS takes the next one), from {@link Baresip#reservedSipPort};
     * two free consecutive ports by default.
     */
    public Builder sipPort(int port) {
      this.sipPort = port;
      return this;
    }

    /** Run in this directory (kept afterwards) instead of a new one under target/peer-runs. */
    public Builder workDir(Path workDir) {
      this.workDir = Objects.requireNonNull(workDir, "workDir");
      return this;
    }

    /** An extra line for baresip's config file, e.g. "jitter_buffer_delay 1-4". */
    public Builder configLine(String line) {
      configLines.add(Objects.requireNonNull(line, "line"));
      return this;
    }

    /** Prints every SIP message sent and received to baresip's log ({@code -s}), to assert on headers. */
    public Builder sipTrace() {
      this.sipTrace = true;
      return this;
    }

    /** An extra account parameter, e.g. "audio_codecs=pcma". */
    public Builder accountParameter(String parameter) {
      accountParameters.add(Objects.requireNonNull(parameter, "parameter"));
      return this;
    }

    /** Writes the config, starts baresip and connects to its ctrl_tcp port. */
    public Baresip start() {
      boolean ownsDir = workDir == null;
      Path dir = ownsDir ? WorkDirs.create("baresip-" + user) : workDir;
      List<PortRange> chosen = new ArrayList<>();
      int port = sipPort != null ? sipPort : choose(chosen, 2);
      int controlPort = choose(chosen, 1);
      PortRange rtp = FreePorts.consecutive(20);
      chosen.add(rtp);
      try {
        Files.createDirectories(dir.resolve("recordings"));
        Path source = audioSource;
        if (source == null) {
          source = dir.resolve("tone-" + Math.round(toneHz) + "hz.wav");
          Tone.sine(toneHz, toneLength).write(source);
        }
        Files.writeString(dir.resolve("config"), config(dir, port, controlPort, rtp, source), StandardCharsets.UTF_8);
        // No account at start: it is created over ctrl_tcp once connected, so no event (REGISTER_OK...) is missed.
        Files.writeString(dir.resolve("accounts"), "", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("contacts"), "", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      PeerProcess process = PeerProcess.start(
          sipTrace ? List.of("baresip", "-s", "-f", dir.toString()) : List.of("baresip", "-f", dir.toString()), dir,
          dir.resolve("stdout.log"), dir.resolve("stderr.log"));
      try {
        BaresipControl control = BaresipControl.connect(controlPort, Duration.ofSeconds(10), process);
        BaresipResponse created = control.command("uanew", Optional.of(accountLine()), COMMAND_TIMEOUT);
        if (!created.ok()) {
          control.close();
          throw new IllegalStateException("baresip refused the account: " + created.data());
        }
        return new Baresip(process, control, user, port, transport, dir, ownsDir, chosen);
      } catch (RuntimeException e) {
        process.stop(STOP_GRACE);
        chosen.forEach(FreePorts::release);
        throw new IllegalStateException("baresip did not start; see " + dir + "\n"
            + PeerProcess.contentOf(dir.resolve("stdout.log")) + PeerProcess.contentOf(dir.resolve("stderr.log")), e);
      }
    }

    private static int choose(List<PortRange> chosen, int count) {
      PortRange range = FreePorts.consecutive(count);
      chosen.add(range);
      return range.first();
    }

    private String config(Path dir, int port, int controlPort, PortRange rtp, Path source) {
      List<String> lines = new ArrayList<>(List.of(
          "sip_listen 127.0.0.1:" + port,
          "net_interface 127.0.0.1",
          "ctrl_tcp_listen 127.0.0.1:" + controlPort,
          "dns_server 127.0.0.1:53",
          "rtp_ports " + rtp,
          "audio_source aufile," + source,
          "audio_player aubridge,nil",
          "audio_alert aubridge,nil",
          "snd_path " + dir.resolve("recordings"),
          "module_path " + moduleDir(),
          "module g711.so",
          "module aufile.so",
          "module aubridge.so",
          "module sndfile.so",
          "module ctrl_tcp.so",
          "module_app account.so",
          "module_app contact.so",
          "module_app menu.so"));
      lines.addAll(configLines);
      return String.join("\n", lines) + "\n";
    }

    private String accountLine() {
      StringBuilder line = new StringBuilder();
      String transportParameter = ";transport=" + transport.uriParameter();
      if (registrar == null) {
        line.append("<sip:").append(user).append("@127.0.0.1").append(transportParameter).append(">;regint=0");
      } else {
        String proxy = "sip:" + registrar.getAddress().getHostAddress() + ":" + registrar.getPort() + transportParameter;
        line.append("<sip:").append(user).append('@').append(domain).append(transportParameter).append('>')
            .append(";auth_pass=").append(password)
            .append(";outbound=\"").append(proxy).append('"')
            .append(";regint=").append(registrationInterval.toSeconds());
      }
      line.append(";answermode=").append(answerMode == AnswerMode.AUTO ? "auto" : "manual");
      accountParameters.forEach(parameter -> line.append(';').append(parameter));
      return line.toString();
    }

    private static Path moduleDir() {
      String configured = System.getProperty("ramal.it.baresipModules");
      if (configured != null && !configured.isBlank()) {
        return Path.of(configured);
      }
      return MODULE_DIRS.stream()
          .filter(dir -> Files.isRegularFile(dir.resolve("g711.so")))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("baresip modules not found in " + MODULE_DIRS
              + "; install baresip (apt-get install baresip) or set -Dramal.it.baresipModules"));
    }
  }
}
