package io.ramal.it.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ramal.server.Ramal;
import io.ramal.server.config.Config;
import io.ramal.server.config.HttpConfig;
import io.ramal.server.config.SipTransport;
import io.ramal.server.config.TenantConfig;
import io.ramal.server.config.TrunkConfig;
import io.ramal.store.CallRecord;
import io.ramal.store.CallRecords;
import io.ramal.store.CdrQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A whole Ramal server (store, PBX, HTTP) in the test JVM, on free ports and a fresh data
 * directory, provisioned with the demo tenant; its trunk points at a port the test chooses.
 */
public final class TestServer implements AutoCloseable {
  /** The RTP ports of a test server on the demo's media settings: none of them a FreePorts port. */
  public static final int SERVER_RTP_LOW = 28000;
  public static final int SERVER_RTP_HIGH = 31999;
  private Ramal ramal;
  private final Path dataDir;

  private TestServer(Ramal ramal, Path dataDir) {
    this.ramal = ramal;
    this.dataDir = dataDir;
  }

  public static TestServer start(int sipPort, int trunkPort, java.time.Duration noAnswerTimeout) {
    return start(sipPort, localTrunk(trunkPort), noAnswerTimeout);
  }

  /** A server whose demo tenant has {@code trunk} as its only trunk. */
  public static TestServer start(int sipPort, TrunkConfig trunk, java.time.Duration noAnswerTimeout) {
    return start(sipPort, trunk, noAnswerTimeout, io.ramal.server.config.StoreConfig.EMBEDDED);
  }

  /** A server on the given store (for example a PostgreSQL URL) instead of the embedded SQLite file. */
  public static TestServer start(int sipPort, TrunkConfig trunk, java.time.Duration noAnswerTimeout,
      io.ramal.server.config.StoreConfig store) {
    return start(sipPort, trunk, noAnswerTimeout, store, Config.demo().media());
  }

  /** A server with the given media settings (for example direct media, or a short dead-call timeout). */
  public static TestServer start(int sipPort, TrunkConfig trunk, java.time.Duration noAnswerTimeout,
      io.ramal.server.config.StoreConfig store, io.ramal.server.config.MediaConfig media) {
    return start(sipPort, trunk, noAnswerTimeout, store, media, List.of());
  }

  /** The demo tenant and {@code others} (each gets its initial admin, see {@link #initialAdminPassword}). */
  public static TestServer startWithTenants(int sipPort, int trunkPort, List<TenantConfig> others) {
    return start(sipPort, localTrunk(trunkPort), java.time.Duration.ofSeconds(5),
        io.ramal.server.config.StoreConfig.EMBEDDED, Config.demo().media(), others);
  }

  /**
   * The demo tenant changed by {@code demo} (recording policies, say), {@code others} beside it,
   * on free ports with {@code media}.
   */
  public static TestServer startWithTenants(java.util.function.UnaryOperator<TenantConfig> demo,
      List<TenantConfig> others, io.ramal.server.config.MediaConfig media) {
    return start(io.ramal.it.harness.FreePorts.udpAndTcp(), localTrunk(io.ramal.it.harness.FreePorts.udpAndTcp()),
        java.time.Duration.ofSeconds(10), io.ramal.server.config.StoreConfig.EMBEDDED, media, others, demo);
  }

  private static TestServer start(int sipPort, TrunkConfig trunk, java.time.Duration noAnswerTimeout,
      io.ramal.server.config.StoreConfig store, io.ramal.server.config.MediaConfig media, List<TenantConfig> others) {
    return start(sipPort, trunk, noAnswerTimeout, store, media, others, java.util.function.UnaryOperator.identity());
  }

  /** The demo tenant and {@code others}, with server operators holding {@code operators} (see api.operators). */
  public static TestServer startWithOperators(List<io.ramal.api.tenants.OperatorKey> operators,
      List<TenantConfig> others) {
    return start(io.ramal.it.harness.FreePorts.udpAndTcp(), localTrunk(io.ramal.it.harness.FreePorts.udpAndTcp()),
        java.time.Duration.ofSeconds(10), io.ramal.server.config.StoreConfig.EMBEDDED, Config.demo().media(), others,
        java.util.function.UnaryOperator.identity(), api -> api.withOperators(operators));
  }

  private static TestServer start(int sipPort, TrunkConfig trunk, java.time.Duration noAnswerTimeout,
      io.ramal.server.config.StoreConfig store, io.ramal.server.config.MediaConfig media, List<TenantConfig> others,
      java.util.function.UnaryOperator<TenantConfig> demoTenant) {
    return start(sipPort, trunk, noAnswerTimeout, store, media, others, demoTenant,
        java.util.function.UnaryOperator.identity());
  }

  /**
   * The demo's RTP range (20000-29999) overlaps the ports {@link io.ramal.it.harness.FreePorts} hands to
   * peers, so a server could bind a port a baresip was just given: servers on the demo range get
   * {@link #SERVER_RTP_LOW}-{@link #SERVER_RTP_HIGH} instead, which FreePorts never hands out.
   */
  private static io.ramal.server.config.MediaConfig ownPorts(io.ramal.server.config.MediaConfig media) {
    io.ramal.server.config.MediaConfig demo = Config.demo().media();
    return media.rtpPortLow() == demo.rtpPortLow() && media.rtpPortHigh() == demo.rtpPortHigh()
        ? media.withPorts(SERVER_RTP_LOW, SERVER_RTP_HIGH) : media;
  }

  private static TestServer start(int sipPort, TrunkConfig trunk, java.time.Duration noAnswerTimeout,
      io.ramal.server.config.StoreConfig store, io.ramal.server.config.MediaConfig media, List<TenantConfig> others,
      java.util.function.UnaryOperator<TenantConfig> demoTenant,
      java.util.function.UnaryOperator<io.ramal.server.config.ApiConfig> api) {
    try {
      Path data = Files.createTempDirectory("ramal-it-");
      Config demo = Config.demo();
      TenantConfig t = demo.tenant(Config.DEMO_TENANT).orElseThrow();
      TenantConfig tenant = demoTenant.apply(new TenantConfig(t.id(), t.name(), t.domains(), t.extensions(),
          List.of(trunk), t.dids()));
      Config config = new Config(new HttpConfig("127.0.0.1", 0), sip(demo, sipPort, noAnswerTimeout), ownPorts(media),
          api.apply(demo.api()), store, data,
          demo.log(), java.util.stream.Stream.concat(Stream.of(tenant), others.stream()).toList());
      Ramal ramal = new Ramal(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
      return new TestServer(ramal, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static io.ramal.server.config.SipConfig sip(Config demo, int port, java.time.Duration noAnswer) {
    var s = demo.sip();
    return new io.ramal.server.config.SipConfig(s.bind(), s.bind6(), port, s.transports(), s.ipv6(), s.realm(), noAnswer,
        s.registration(), s.guard(), s.overload());
  }

  public Ramal ramal() {
    return ramal;
  }

  public InetSocketAddress sipAddress() {
    return new InetSocketAddress("127.0.0.1", ramal.sipPort());
  }

  /** Where the server keeps call recordings ({@code <data_dir>/recordings}). */
  public Path recordingsDir() {
    return ramal.config().recordingsDir();
  }

  public int httpPort() {
    return ramal.httpPort();
  }

  /** A trunk pointing at a local port with no credentials. */
  public static TrunkConfig localTrunk(int trunkPort) {
    return new TrunkConfig("local-trunk", "127.0.0.1", trunkPort, SipTransport.UDP, Optional.empty(), Optional.empty(),
        false, Optional.empty());
  }

  /** CDRs of the demo tenant, newest first. */
  public List<CallRecord> callRecords() {
    return new CallRecords(ramal.dataSource()).list(Config.DEMO_TENANT, CdrQuery.all().withLimit(1000)).records();
  }

  /**
   * Stops the server and starts it again on the same data directory and SIP port (the HTTP port
   * is a new free one): what survives is what the store kept.
   */
  public void restart() {
    Config config = ramal.config();
    ramal.close();
    ramal = new Ramal(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
  }

  /** The password the server wrote for a new tenant's first admin (user {@code admin}). */
  public String initialAdminPassword(String tenant) {
    try {
      return Files.readAllLines(dataDir.resolve("initial-admin-" + tenant + ".txt")).stream()
          .filter(line -> line.startsWith("password=")).map(line -> line.substring(9)).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ramal.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temporary directory
    }
  }
}
