package io.ramal.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ramal.media.player.MusicOnHold;
import io.ramal.media.relay.EndpointSettings;
import io.ramal.media.rtp.RtpPortPool;
import io.ramal.pbx.core.Pbx;
import io.ramal.pbx.media.AnchoredMediaPlane;
import io.ramal.pbx.media.MediaPlane;
import io.ramal.pbx.directory.CachingDirectory;
import io.ramal.api.provisioning.ConfigListed;
import io.ramal.api.queues.ConfiguredQueues;
import io.ramal.server.config.DidConfig;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import io.ramal.server.config.TrunkConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.ramal.pbx.core.OverloadPolicy;
import io.ramal.pbx.core.PbxSettings;
import io.ramal.pbx.record.RecordingSettings;
import io.ramal.pbx.record.Recordings;
import io.ramal.pbx.registrar.RegistrationPolicy;
import io.ramal.server.api.ApiPlane;
import io.ramal.server.config.Config;
import io.ramal.server.config.GuardConfig;
import io.ramal.server.config.MediaConfig;
import io.ramal.server.config.SipConfig;
import io.ramal.server.http.HealthCheck;
import io.ramal.server.http.HttpServer;
import io.ramal.server.pbx.CallLogFeed;
import io.ramal.server.pbx.MeteredPbxEvents;
import io.ramal.server.pbx.PbxCallControl;
import io.ramal.server.pbx.PbxQueueControl;
import io.ramal.server.pbx.QueueAnnouncements;
import io.ramal.server.pbx.PbxSupervision;
import io.ramal.server.pbx.Provisioning;
import io.ramal.server.pbx.StoreCallRecords;
import io.ramal.server.pbx.StoreDirectory;
import io.ramal.server.pbx.StoreRecordingIndex;
import io.ramal.server.pbx.MeteredMediaQuality;
import io.ramal.server.pbx.RecordingPurge;
import io.ramal.server.pbx.RecordingRetention;
import io.ramal.server.pbx.StoreMediaQuality;
import io.ramal.server.media.TenantMusicFiles;
import io.ramal.server.media.TenantPromptFiles;
import io.ramal.media.audio.UploadLimits;
import io.ramal.pbx.media.MediaQualityListener;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.ramal.sip.auth.GuardPolicy;
import io.ramal.sip.transaction.TimerSettings;
import io.ramal.sip.transport.Transport;
import io.ramal.api.provisioning.TrunkStatus;
import io.ramal.pbx.trunk.TrunkRegistrationStatus;
import io.ramal.store.Database;
import io.ramal.store.SecretSeal;
import io.ramal.store.Queues;
import io.ramal.store.Trunks;
import java.security.SecureRandom;
import io.ramal.store.DatabaseConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One Ramal server: store → API (auth, CTI, events, webhooks) → media → PBX → HTTP, started in that order and stopped in reverse. {@link Main}
 * runs one; end-to-end tests start their own on free ports.
 */
public final class Ramal implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ramal.class);
  private final Config config;
  private final PrometheusMeterRegistry registry;
  private final InstantSource clock = InstantSource.system();
  private final LifecycleGroup components;
  private Database database;
  private Trunks trunks;
  private StoreCallRecords records;
  private Pbx pbx;
  private PbxQueueControl queueControl;
  private CachingDirectory directory;
  private StoreRecordingIndex recordingIndex;
  private Recordings recordings;
  private MediaPlane media = MediaPlane.DIRECT;
  private MusicOnHold music;
  private TenantMusicFiles tenantMusic;
  private TenantPromptFiles prompts;
  private StoreMediaQuality mediaQuality;
  private ScheduledExecutorService housekeeping;
  private ApiPlane api;
  private HttpServer http;

  public Ramal(Config config, PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    this.components = new LifecycleGroup(components());
  }

  /** Starts every component; on failure what started is stopped again. */
  public Ramal start() {
    components.start();
    return this;
  }

  public List<String> endpoints() {
    return components.endpoints();
  }

  public Pbx pbx() {
    return pbx;
  }

  /** Where call audio flows ({@link MediaPlane#DIRECT} unless media is anchored). */
  public MediaPlane media() {
    return media;
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  public int httpPort() {
    return http.port();
  }

  public int sipPort() {
    return pbx.endpoints().get(0).port();
  }

  public Config config() {
    return config;
  }

  /**
   * The queues (ACD): connect the PBX's {@code QueueControl} with {@code queues().control(...)} and
   * report queue calls with {@code queues().report(fact)}; see {@code io.ramal.cti.queue}.
   */
  public io.ramal.api.queues.QueueDesk queues() {
    return api.queues();
  }

  /** The music on hold every call of this server plays (tenants' uploads included). */
  public MusicOnHold music() {
    return music;
  }

  @Override
  public void close() {
    components.stop();
  }

  private List<Lifecycle> components() {
    List<Lifecycle> list = new ArrayList<>();
    List<HealthCheck> health = new ArrayList<>();
    list.add(Lifecycle.of("store", () -> {
      database = Database.open(DatabaseConfig.of(config.jdbcUrl()));
      trunks = new Trunks(database.dataSource(), SecretSeal.loadOrCreate(config.secretsKeyFile(), new SecureRandom()),
          clock);
      int sealed = trunks.sealPlainPasswords();
      if (sealed > 0) LOG.info("event=trunk_passwords_sealed count={} key_file={}", sealed, config.secretsKeyFile());
      Provisioning.apply(config, database.dataSource(), trunks, clock);
      records = new StoreCallRecords(database.backgroundDataSource(), cdr -> {
        if (api != null) api.callLogs().cdrStored(cdr);
      });
    }, () -> {
      if (records != null) records.close();
      if (database != null) database.close();
    }));
    list.add(Lifecycle.of("api", () -> {
      api = ApiPlane.start(config.api(), database.dataSource(), config.dataDir(),
          config.tenants().stream().map(t -> t.id()).toList(), Banner.VERSION,
          () -> config.api().publicUrl().orElseGet(http::baseUri), clock);
      Gauge.builder("ramal_event_sockets", api, ApiPlane::openEventSockets).description("Open event WebSockets")
          .register(registry);
      Gauge.builder("ramal_cti_events_lost", api, a -> a.desk().lostEvents())
          .description("CTI events the journal could not store").register(registry);
    }, () -> {
      if (api != null) api.close();
    }));
    health.add(new HealthCheck("store", () -> {
      try (var c = database.dataSource().getConnection()) {
        return c.isValid(2);
      } catch (Exception e) {
        return false;
      }
    }));
    list.add(new Lifecycle() {
      @Override
      public String name() {
        return "media";
      }

      @Override
      public void start() throws Exception {
        music = MusicOnHold.withDefaultMusic();
        tenantMusic = TenantMusicFiles.open(config.dataDir().resolve("music-on-hold"), music, UploadLimits.DEFAULT,
            clock);
        prompts = TenantPromptFiles.open(config.dataDir().resolve("prompts"), UploadLimits.DEFAULT);
        mediaQuality = new StoreMediaQuality(database.backgroundDataSource(), clock);
        media = mediaPlane(config.media(), clock, music, new MeteredMediaQuality(registry, mediaQuality));
        if (media instanceof AnchoredMediaPlane anchored) {
          Gauge.builder("ramal_rtp_port_pairs_free", anchored, AnchoredMediaPlane::availablePortPairs)
              .description("RTP port pairs not in use").register(registry);
          FunctionCounter.builder("ramal_media_sends_dropped", anchored, AnchoredMediaPlane::sendsDropped)
              .description("RTP/RTCP datagrams not sent because a socket's send buffer was full").register(registry);
          FunctionCounter.builder("ramal_media_handling_failures", anchored, AnchoredMediaPlane::handlingFailures)
              .description("Received RTP/RTCP datagrams whose handling failed (skipped, logged)").register(registry);
        }
      }

      @Override
      public void stop() {
        if (media instanceof AnchoredMediaPlane anchored) anchored.close();
        if (mediaQuality != null) mediaQuality.close();
      }
    });
    list.add(new Lifecycle() {
      @Override
      public String name() {
        return "pbx";
      }

      @Override
      public void start() throws Exception {
        directory = new CachingDirectory(new StoreDirectory(database.dataSource(), trunks), clock, Duration.ofSeconds(5),
            100_000);
        recordingIndex = new StoreRecordingIndex(database.backgroundDataSource());
        recordingIndex.closeUnfinished(clock);
        var recording = config.media().recording();
        recordings = new Recordings(new RecordingSettings(config.recordingsDir(), recording.partyChannels(),
            recording.mp3Kbps(), Duration.ofSeconds(1)), new CallLogFeed(recordingIndex, api::callLogs), directory,
            clock);
        pbx = Pbx.start(pbxSettings(config.sip()), directory, records, new MeteredPbxEvents(registry), media, api.facts(),
            recordings, clock);
        pbx.location().listener(api.facts());
        pbx.prompts(prompts);
        Queues queueStore = new Queues(database.dataSource());
        queueControl = new PbxQueueControl(pbx, api.queues()::report, api.facts(), clock,
            new QueueAnnouncements(api.queues(), queueStore));
        api.facts().queueFacts(api.queues()::report);
        api.queues().control(queueControl);
        var park = config.sip().park();
        pbx.parkWith(new io.ramal.pbx.call.ParkSettings(park.first(), park.last(), park.timeout()));
        api.supervisionControl(new PbxSupervision(pbx));
        startRecordingPurge();
        Gauge.builder("ramal_sip_registrations", pbx, Pbx::registrations).description("Live registered contacts").register(registry);
        Gauge.builder("ramal_calls_active", pbx, Pbx::activeCalls).description("Calls in progress").register(registry);
        Gauge.builder("ramal_sip_transactions", pbx, Pbx::transactions).description("Live SIP transactions").register(registry);
        Gauge.builder("ramal_sip_tcp_connections", pbx, p -> p.transports().tcpConnections()).register(registry);
      }

      @Override
      public void stop() {
        if (housekeeping != null) housekeeping.shutdownNow();
        if (queueControl != null) {
          api.queues().control(io.ramal.cti.queue.QueueControl.NONE);
          queueControl.close();
        }
        if (pbx != null) pbx.close();
        if (recordings != null) recordings.close();
        if (recordingIndex != null) recordingIndex.close();
      }

      @Override
      public List<String> endpoints() {
        return pbx.endpoints().stream().map(e -> "sip   " + e.transport().name().toLowerCase(java.util.Locale.ROOT) + " "
            + e.host() + ":" + e.port()).toList();
      }
    });
    health.add(new HealthCheck("sip", () -> pbx != null));
    health.add(new HealthCheck("http", () -> true));
    http = new HttpServer(config.http().bind(), config.http().port(), health, registry,
        List.of(routes -> api.routes(new PbxCallControl(pbx), this::directoryChanged, configListed(config),
            config.recordingsDir(), (tenant, address) -> pbx.location().registeredFrom(tenant, address).stream()
                .map(io.ramal.pbx.registrar.AddressOfRecord::user).collect(Collectors.toSet()), tenantMusic, trunks,
            (tenant, name) -> pbx.trunkStatus(tenant, name).map(Ramal::trunkStatus), configuredQueues(config), prompts)
            .addTo(routes),
            routes -> api.ivrRoutes(prompts, configuredMenus(config), this::directoryChanged).addTo(routes)));
    list.add(Lifecycle.of("http", http::start, http::stop));
    list.add(new Lifecycle() {
      @Override
      public String name() {
        return "endpoints";
      }

      @Override
      public void start() {}

      @Override
      public void stop() {}

      @Override
      public List<String> endpoints() {
        List<String> lines = new ArrayList<>(List.of(
            "http  " + http.baseUri() + "  (GET /health, GET /metrics, REST under /api/v1)",
            "ws    " + http.baseUri().resolve("api/v1/events").toString().replaceFirst("^http", "ws")
                + "  (event stream)",
            "store " + config.jdbcUrl()));
        api.initialAdmins().forEach(file -> lines.add("admin initial password of a new tenant in " + file));
        return lines;
      }
    });
    return list;
  }

  /**
   * After an API change of extensions, DIDs, trunks or tenants: the PBX reads its directory again
   * and brings trunk registrations in line at once.
   */
  private void directoryChanged() {
    directory.invalidate();
    pbx.syncTrunks();
  }

  static TrunkStatus trunkStatus(TrunkRegistrationStatus s) {
    return new TrunkStatus(s.state().name().toLowerCase(java.util.Locale.ROOT), s.expires(), s.lastError(),
        s.nextAttempt());
  }

  /**
   * Deletes recordings past their tenant's retention: a minute after start, then hourly, on a
   * thread of its own (file deletion never runs on a SIP shard).
   */
  private void startRecordingPurge() {
    RecordingRetention retention = recordingRetention(config);
    if (!retention.deletesAny()) return;
    RecordingPurge purge = new RecordingPurge(new io.ramal.store.Recordings(database.dataSource()),
        config.recordingsDir(), retention, clock, 200);
    Counter purged = Counter.builder("ramal_recordings_purged").description("Recordings deleted past their retention")
        .register(registry);
    housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
        .name("ramal-recording-purge").factory());
    housekeeping.scheduleWithFixedDelay(() -> {
      try {
        purge.run().forEach(batch -> purged.increment(batch.recordings()));
      } catch (RuntimeException e) {
        LOG.warn("event=recording_purge_failed error={}", e.toString());
      }
    }, 1, 60, TimeUnit.MINUTES);
  }

  /** Recording retention from {@code media.recording.retention_days} and the tenants' own. */
  static RecordingRetention recordingRetention(Config config) {
    Map<String, Integer> days = new HashMap<>();
    for (TenantConfig t : config.tenants()) {
      t.recordingRetentionDays().ifPresent(d -> days.put(t.id(), d));
    }
    return new RecordingRetention(config.media().recording().retentionDays(), days);
  }

  static MediaPlane mediaPlane(MediaConfig m, InstantSource clock, MusicOnHold music, MediaQualityListener quality)
      throws UnknownHostException {
    if (!m.anchored()) return MediaPlane.DIRECT;
    if (m.isWildcard() && m.advertisedAddress().isEmpty()) {
      LOG.warn("event=media_advertised_address_missing bind={} note=\"set media.advertised_address; SDP says 127.0.0.1\"",
          m.bind());
    }
    // Up to 64 pairs are tried when other programs hold ports of the range: a failed bind costs a
    // syscall, a refused call costs a customer.
    EndpointSettings endpoints = new EndpointSettings(InetAddress.getByName(m.bind()), Duration.ofSeconds(2), 64);
    return new AnchoredMediaPlane(new RtpPortPool(m.rtpPortLow(), m.rtpPortHigh()),
        new AnchoredMediaPlane.Settings(endpoints, m.sdpAddress(), m.deadCallTimeout()), clock, music, quality);
  }

  static PbxSettings pbxSettings(SipConfig sip) throws UnknownHostException {
    List<InetAddress> binds = new ArrayList<>();
    binds.add(InetAddress.getByName(sip.bind()));
    if (sip.ipv6Bind().isPresent()) binds.add(InetAddress.getByName(sip.ipv6Bind().get()));
    Set<Transport> transports = EnumSet.noneOf(Transport.class);
    sip.transports().forEach(t -> transports.add(Transport.valueOf(t.name())));
    GuardConfig g = sip.guard();
    GuardPolicy defaults = GuardPolicy.defaults();
    GuardPolicy guard = new GuardPolicy(g.maxFailuresPerSource(), g.window(), g.block(), g.maxFailuresPerUser(),
        g.userWindow(), g.userThrottle(), g.trustedSourceTtl(), defaults.maxTrackedKeys(), defaults.maxTrustedSourcesPerUser());
    RegistrationPolicy reg = new RegistrationPolicy(sip.registration().minExpiry(), sip.registration().maxExpiry(),
        sip.registration().defaultExpiry(), 10);
    return new PbxSettings(binds, sip.port(), transports, "", sip.noAnswerTimeout(), reg, guard, TimerSettings.RFC3261,
        Math.max(2, Runtime.getRuntime().availableProcessors()), 10_000, "Ramal/0.1",
        new OverloadPolicy(sip.overload().maxQueued(), sip.overload().maxDelay(), sip.overload().retryAfter()));
  }

  /** What the config file manages and the API must leave alone (nothing when it only seeds). */
  static ConfigListed configListed(Config config) {
    if (config.seedsOnce()) return ConfigListed.NONE;
    Map<String, Set<String>> extensions = new HashMap<>();
    Map<String, Set<String>> trunks = new HashMap<>();
    Map<String, Set<String>> dids = new HashMap<>();
    for (TenantConfig t : config.tenants()) {
      extensions.put(t.id(), t.extensions().stream().map(ExtensionConfig::number).collect(Collectors.toSet()));
      trunks.put(t.id(), t.trunks().stream().map(TrunkConfig::name).collect(Collectors.toSet()));
      dids.put(t.id(), t.dids().stream().map(DidConfig::number).collect(Collectors.toSet()));
    }
    return new ConfigListed(extensions, trunks, dids,
        config.tenants().stream().map(TenantConfig::id).collect(Collectors.toSet()));
  }

  /** The queues the config file manages (their settings; members are the API's). */
  /** The voice menus the config file manages (none when it only seeds, as the demo does). */
  static io.ramal.api.ivr.ConfiguredMenus configuredMenus(Config config) {
    if (config.seedsOnce()) return io.ramal.api.ivr.ConfiguredMenus.NONE;
    Map<String, Set<String>> names = new HashMap<>();
    for (TenantConfig t : config.tenants()) {
      names.put(t.id(), t.ivrs().stream().map(io.ramal.cti.ivr.IvrMenu::name).collect(Collectors.toSet()));
    }
    return new io.ramal.api.ivr.ConfiguredMenus(names);
  }

  static ConfiguredQueues configuredQueues(Config config) {
    if (config.seedsOnce()) return ConfiguredQueues.NONE;
    Map<String, Set<String>> names = new HashMap<>();
    for (TenantConfig t : config.tenants()) {
      names.put(t.id(), t.queues().stream().map(io.ramal.cti.queue.QueueSettings::name).collect(Collectors.toSet()));
    }
    return new ConfiguredQueues(names);
  }
}
