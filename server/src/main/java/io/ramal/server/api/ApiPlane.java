package io.ramal.server.api;

import io.ramal.api.agents.AgentDesk;
import io.ramal.api.agents.AgentIntervalRoutes;
import io.ramal.api.agents.AgentPolicyRoutes;
import io.ramal.api.agents.AgentRoutes;
import io.ramal.api.agents.AgentStatsRoutes;
import io.ramal.api.agents.HandledCallLog;
import io.ramal.store.AgentCalls;
import io.ramal.api.agents.PauseReasonRoutes;
import io.ramal.api.agents.PositionRoutes;
import io.ramal.api.agents.RegisteredAddresses;
import io.ramal.api.auth.AuthApi;
import io.ramal.api.queues.ConfiguredQueues;
import io.ramal.api.queues.MemberRoutes;
import io.ramal.api.queues.QueueDesk;
import io.ramal.api.queues.QueueRoutes;
import io.ramal.api.supervision.SupervisionControl;
import io.ramal.api.supervision.SupervisionDesk;
import io.ramal.api.supervision.SupervisionRoutes;
import io.ramal.server.pbx.PbxSupervision;
import io.ramal.store.SupervisionAudit;
import io.ramal.store.QueueCallHistory;
import io.ramal.store.Queues;
import io.ramal.store.AgentGroups;
import io.ramal.store.AgentIntervals;
import io.ramal.store.AgentPolicies;
import io.ramal.store.AgentPositions;
import io.ramal.store.PauseReasons;
import io.ramal.store.Users;
import java.util.Map;
import io.ramal.api.calls.CallRoutes;
import io.ramal.api.history.CdrRoutes;
import io.ramal.api.provisioning.ConfigListed;
import io.ramal.api.provisioning.DeviceRoutes;
import io.ramal.api.provisioning.DidRoutes;
import io.ramal.api.provisioning.ExtensionRoutes;
import io.ramal.api.provisioning.TrunkRoutes;
import io.ramal.api.auth.RatePolicy;
import io.ramal.api.auth.SourceThrottle;
import io.ramal.api.tenants.OperatorAuthentication;
import io.ramal.api.tenants.TenantRoutes;
import io.ramal.store.SipDomains;
import io.ramal.store.Tenants;
import io.ramal.api.provisioning.TrunkStatuses;
import io.ramal.store.Trunks;
import io.ramal.server.pbx.StoreDirectory;
import io.ramal.store.Dids;
import io.ramal.store.Extensions;
import io.ramal.api.http.Idempotency;
import io.ramal.store.CallRecords;
import io.ramal.store.MediaQualities;
import io.ramal.api.music.MusicOnHoldRoutes;
import io.ramal.api.music.TenantMusic;
import io.ramal.store.IdempotencyKeys;
import io.ramal.api.calls.OriginateRoute;
import io.ramal.api.recordings.RecordingRoutes;
import io.ramal.api.auth.AuthConfig;
import io.ramal.api.auth.DemoUsers;
import io.ramal.api.auth.TokenSecret;
import io.ramal.api.events.EventJournal;
import io.ramal.api.events.EventPruning;
import io.ramal.api.events.EventSocket;
import io.ramal.api.events.EventSocketConfig;
import io.ramal.api.events.Fanout;
import io.ramal.api.calllog.CallLogs;
import io.ramal.api.recordings.RecordingLinks;
import io.ramal.api.screenpop.ScreenPopAdmin;
import io.ramal.api.screenpop.ScreenPopConfig;
import io.ramal.api.screenpop.ScreenPops;
import io.ramal.api.webhooks.AddressGuard;
import io.ramal.api.webhooks.OutboundGuard;
import io.ramal.api.webhooks.WebhookAdmin;
import io.ramal.api.webhooks.WebhookDispatcher;
import io.ramal.api.webhooks.Webhooks;
import io.ramal.cti.control.CallControl;
import io.ramal.server.config.ApiConfig;
import io.ramal.server.cti.CtiDesk;
import io.ramal.server.cti.TelephonyFacts;
import io.ramal.server.http.HttpRoutes;
import io.ramal.store.EventLog;
import io.ramal.store.EventRetention;
import io.ramal.store.Recordings;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What integrators talk to, assembled over the store: authentication, the durable event journal
 * fed by the CTI desk, the event WebSocket, webhooks (delivered from an outbox written in the same
 * transaction as each event) and their admin routes. The PBX reports into {@link #facts()}; the
 * HTTP listener mounts {@link #routes()}.
 */
public final class ApiPlane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiPlane.class);
  private final ScheduledExecutorService scheduler;
  private final AuthApi auth;
  private final Fanout fanout;
  private final EventJournal journal;
  private final CtiDesk desk;
  private final TelephonyFacts facts;
  private final WebhookDispatcher dispatcher;
  private final WebhookAdmin webhookAdmin;
  private final EventSocket socket;
  private final EventPruning pruning;
  private final Idempotency idempotency;
  private final DataSource dataSource;
  private final CdrRoutes history;
  private final AgentDesk agents;
  private final QueueDesk queues;
  private final HandledCallLog handledCalls;
  private final SupervisionDesk supervision;
  /** The PBX's side of supervision, connected once the PBX runs (refuses until then). */
  private volatile SupervisionControl supervisionControl = SupervisionControlNone.INSTANCE;
  private final ScreenPops pops;
  private final RecordingLinks links;
  private final CallLogs callLogs;
  private final InstantSource clock;
  private final OperatorAuthentication operators;

  private final List<Path> initialAdmins = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();

  private ApiPlane(ApiConfig config, DataSource dataSource, Path dataDir, String serverVersion, Supplier<URI> publicUrl,
      InstantSource clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ramal-api-timers")
        .factory());
    AuthConfig authConfig = AuthConfig.DEFAULTS.withAccessTokenLifetime(config.accessTokenLifetime())
        .withRefreshTokenLifetime(config.refreshTokenLifetime());
    if (config.seedDemoUsers()) authConfig = authConfig.withDefaultTenant(DemoUsers.TENANT);
    TokenSecret secret = TokenSecret.loadOrCreate(dataDir.resolve("token.key"), random);
    this.auth = new AuthApi(dataSource, authConfig, secret, clock, random);
    Webhooks webhooks = new Webhooks(dataSource, clock, config.webhooks());
    AddressGuard guard = AddressGuard.system();
    this.links = new RecordingLinks(secret.derive("ramal recording links v1"), publicUrl,
        config.recordingLinkLifetime());
    this.dispatcher = WebhookDispatcher.start(webhooks, guard, links);
    this.pops = new ScreenPops(dataSource, new OutboundGuard(webhooks, guard), ScreenPopConfig.defaults(), clock);
    this.fanout = new Fanout();
    EventLog log = new EventLog(dataSource, clock);
    this.journal = new EventJournal(log, fanout, (transaction, events) -> {
      webhooks.enlist(transaction, events);
      pops.enlist(transaction, events);
    }, () -> {
      if (webhooks.enqueuedSinceAsked()) dispatcher.wake();
      pops.afterCommit();
    });
    pops.start(journal);
    this.desk = new CtiDesk(journal);
    this.agents = new AgentDesk(desk, journal, new AgentIntervals(dataSource), new PauseReasons(dataSource),
        new AgentPolicies(dataSource), config.agents().toSetting(), clock).start(Duration.ofSeconds(1));
    this.queues = new QueueDesk(desk, journal, new Queues(dataSource), new QueueCallHistory(dataSource),
        agents::states, clock);
    this.handledCalls = new HandledCallLog(new AgentCalls(dataSource), agents);
    handledCalls.wrapUps(queues::wrapUp);
    agents.onChange(queues::afterChange);
    desk.follower(new CtiDesk.Follower() {
      @Override
      public void afterFacts(String tenant, io.ramal.cti.core.Switchboard board,
          List<io.ramal.cti.event.CtiEvent> events) {
        handledCalls.afterEvents(tenant, events);
        agents.afterFacts(tenant, board);
        queues.afterEvents(tenant, events);
        queues.afterChange(tenant, board);
      }

      @Override
      public Map<String, Object> snapshot(String tenant) {
        return Map.of("agents", agents.snapshot(tenant), "queues", queues.snapshot(tenant));
      }
    });
    this.supervision = new SupervisionDesk(journal, new SupervisionAudit(dataSource), clock);
    this.facts = new TelephonyFacts(desk, clock, PbxSupervision.facts(supervision));
    this.webhookAdmin = new WebhookAdmin(webhooks, guard, dispatcher::wake, auth.authentication());
    this.socket = new EventSocket(EventSocketConfig.defaults(serverVersion).withHeartbeat(config.heartbeat())
        .withMaxSocketsPerUser(config.maxSocketsPerUser()), auth.verifier(), journal, desk, scheduler, clock);
    socket.presence(agents);
    EventRetention retention = new EventRetention(java.util.Optional.of(config.eventRetention()),
        config.eventMaxPerTenant());
    this.pruning = new EventPruning(log, retention, scheduler, Duration.ofMinutes(10));
    pruning.start();
    this.idempotency = Idempotency.standard(new IdempotencyKeys(dataSource), auth.authentication(), clock);
    this.history = new CdrRoutes(auth.authentication(), new CallRecords(dataSource), new MediaQualities(dataSource));
    scheduler.scheduleWithFixedDelay(() -> purgeExpired(clock), 1, 60, TimeUnit.MINUTES);
    this.callLogs = new CallLogs(journal, new Recordings(dataSource), clock, CALL_LOG_MAX_WAIT, scheduler);
    this.operators = new OperatorAuthentication(config.operators(), auth.verifier(),
        new SourceThrottle(RatePolicy.CREDENTIAL_CHECKS), clock);
  }

  /** How long a call's CDR waits for its recordings' WAV files before cdr.created goes out without them. */
  static final Duration CALL_LOG_MAX_WAIT = Duration.ofSeconds(30);

  /**
   * Builds the API over an open store; the token signing key is kept in {@code dataDir/token.key}
   * (created on first start), so tokens survive a restart. Demo users are added when the config
   * says so; every other tenant without users gets its {@link InitialAdmins initial admin}.
   */
  public static ApiPlane start(ApiConfig config, DataSource dataSource, Path dataDir, List<String> tenants,
      String serverVersion, Supplier<URI> publicUrl, InstantSource clock) {
    Objects.requireNonNull(config, "config");
    ApiPlane plane = new ApiPlane(config, dataSource, dataDir, serverVersion, publicUrl, clock);
    try {
      plane.agents.restore(tenants);
      if (config.seedDemoUsers() && tenants.contains(DemoUsers.TENANT)) {
        int added = plane.auth.demoUsers().seed();
        if (added > 0) LOG.atInfo().addKeyValue("users", added).log("demo API users added");
      }
      plane.initialAdmins.addAll(InitialAdmins.ensure(dataSource, tenants, dataDir, plane.auth.passwords(),
          plane.random, clock));
      plane.initialAdmins.forEach(file -> LOG.atWarn().addKeyValue("file", file)
          .log("a tenant had no users: its initial admin password is in this file; sign in and change it"));
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  /** Files holding the passwords of initial admins created at this start. */
  public List<Path> initialAdmins() {
    return List.copyOf(initialAdmins);
  }

  /** Where the PBX reports calls and registrations. */
  public TelephonyFacts facts() {
    return facts;
  }

  /** Where the PBX side reports what a call's {@code cdr.created} event waits for. */
  public CallLogs callLogs() {
    return callLogs;
  }

  public CtiDesk desk() {
    return desk;
  }

  /**
   * The queues: the PBX connects its {@code QueueControl} with {@code queues().control(...)} and reports
   * queue calls with {@code queues().report(fact)} (see {@code io.ramal.cti.queue}).
   */
  public QueueDesk queues() {
    return queues;
  }

  /** Connects the PBX's side of supervision (before the routes are built). */
  public void supervisionControl(SupervisionControl control) {
    this.supervisionControl = Objects.requireNonNull(control, "control");
  }

  public EventJournal journal() {
    return journal;
  }

  /**
   * The REST routes (calls and their recording acted on through {@code control}, recordings read
   * from the index and from {@code recordingsDir}) and the event WebSocket. {@code directoryChanged}
   * runs after every change of extensions, DIDs, trunks or queues through the API; {@code listed} names what the
   * config file manages (refused to the API); {@code addresses} finds phones by the address they
   * registered from (agent login by IP); tenants' music on hold is kept by {@code music};
   * {@code listedQueues} are the queues the config file manages; queues' announcements are kept by
   * {@code prompts} (with the voice menus' prompts).
   */
  public HttpRoutes routes(CallControl control, Runnable directoryChanged, ConfigListed listed, Path recordingsDir,
      RegisteredAddresses addresses, TenantMusic music, Trunks trunks, TrunkStatuses trunkStatuses,
      ConfiguredQueues listedQueues, io.ramal.api.ivr.TenantPrompts prompts) {
    CallRoutes calls = new CallRoutes(auth.authentication(), desk, control);
    RecordingRoutes recordings = new RecordingRoutes(auth.authentication(), desk, control, new Recordings(dataSource),
        recordingsDir, Optional.of(links), clock);
    ScreenPopAdmin screenPop = new ScreenPopAdmin(pops, auth.authentication());
    Extensions extensions = new Extensions(dataSource);
    Dids dids = new Dids(dataSource);
    ExtensionRoutes extensionRoutes = new ExtensionRoutes(auth.authentication(), extensions, dids, new Queues(dataSource),
        new StoreDirectory(dataSource, trunks)::realmOf, listed, directoryChanged);
    DidRoutes didRoutes = new DidRoutes(auth.authentication(), dids, extensions, new Queues(dataSource),
        new io.ramal.store.IvrMenus(dataSource), listed, directoryChanged);
    TrunkRoutes trunkRoutes = new TrunkRoutes(auth.authentication(), trunks, listed, trunkStatuses, directoryChanged);
    TenantRoutes tenantRoutes = new TenantRoutes(operators, new Tenants(dataSource), new SipDomains(dataSource),
        new Users(dataSource), auth.passwords(), listed, directoryChanged, clock, random);
    DeviceRoutes devices = new DeviceRoutes(auth.authentication(), extensions, desk);
    MusicOnHoldRoutes musicOnHold = new MusicOnHoldRoutes(auth.authentication(), music);
    OriginateRoute originate = new OriginateRoute(auth.authentication(), desk, control,
        (tenant, number) -> extensions.find(tenant, number).isPresent(), clock);
    io.ramal.api.calls.CallCampaignRoute campaigns = new io.ramal.api.calls.CallCampaignRoute(auth.authentication(),
        desk, clock);
    PauseReasons reasons = new PauseReasons(dataSource);
    AgentGroups groups = new AgentGroups(dataSource);
    Users users = new Users(dataSource);
    AgentRoutes agentRoutes = new AgentRoutes(auth.authentication(), agents, users, extensions,
        new AgentPositions(dataSource), groups, reasons, addresses);
    PauseReasonRoutes reasonRoutes = new PauseReasonRoutes(auth.authentication(), reasons, agents::policyChanged);
    AgentIntervalRoutes ledgerRoutes = new AgentIntervalRoutes(auth.authentication(), new AgentIntervals(dataSource),
        users);
    AgentPolicyRoutes policyRoutes = new AgentPolicyRoutes(auth.authentication(), agents,
        new AgentPolicies(dataSource), reasons);
    AgentStatsRoutes statsRoutes = new AgentStatsRoutes(auth.authentication(), new AgentIntervals(dataSource),
        new AgentCalls(dataSource), users, clock);
    PositionRoutes positionRoutes = new PositionRoutes(auth.authentication(), new AgentPositions(dataSource),
        extensions);
    QueueRoutes queueRoutes = new QueueRoutes(auth.authentication(), queues, new Queues(dataSource), extensions,
        listedQueues, new io.ramal.store.IvrMenus(dataSource), prompts, new QueueCallHistory(dataSource),
        directoryChanged);
    MemberRoutes memberRoutes = new MemberRoutes(auth.authentication(), queues, users);
    io.ramal.api.board.BoardRoute board = new io.ramal.api.board.BoardRoute(auth.authentication(), extensions, desk,
        journal, agents, queues, clock);
    SupervisionRoutes supervisionRoutes = new SupervisionRoutes(auth.authentication(), desk, supervisionControl,
        supervision, new SupervisionAudit(dataSource));
    return routes -> {
      idempotency.addTo(routes);
      auth.addTo(routes);
      calls.addTo(routes);
      campaigns.addTo(routes);
      if (control instanceof io.ramal.api.calls.CallParking parking) {
        new io.ramal.api.calls.ParkRoutes(auth.authentication(), desk, parking).addTo(routes);
      }
      history.addTo(routes);
      extensionRoutes.addTo(routes);
      didRoutes.addTo(routes);
      trunkRoutes.addTo(routes);
      tenantRoutes.addTo(routes);
      devices.addTo(routes);
      originate.addTo(routes);
      recordings.addTo(routes);
      musicOnHold.addTo(routes);
      webhookAdmin.addTo(routes);
      agentRoutes.addTo(routes);
      reasonRoutes.addTo(routes);
      ledgerRoutes.addTo(routes);
      statsRoutes.addTo(routes);
      policyRoutes.addTo(routes);
      positionRoutes.addTo(routes);
      queueRoutes.addTo(routes);
      memberRoutes.addTo(routes);
      board.addTo(routes);
      supervisionRoutes.addTo(routes);
      screenPop.addTo(routes);
      socket.addTo(routes);
    };
  }

  /**
   * The voice menus' routes ({@code /api/v1/ivrs}): prompts kept by {@code prompts}, {@code listed} the
   * menus the config file manages, {@code directoryChanged} run after every change (the PBX reads menus
   * through its directory).
   */
  public HttpRoutes ivrRoutes(io.ramal.api.ivr.TenantPrompts prompts, io.ramal.api.ivr.ConfiguredMenus listed,
      Runnable directoryChanged) {
    io.ramal.api.ivr.IvrRoutes ivrs = new io.ramal.api.ivr.IvrRoutes(auth.authentication(),
        new io.ramal.store.IvrMenus(dataSource), new Dids(dataSource), new Extensions(dataSource), new Queues(dataSource),
        prompts, listed, directoryChanged, clock);
    return ivrs::addTo;
  }

  public int openEventSockets() {
    return socket.openSockets();
  }

  private void purgeExpired(InstantSource clock) {
    try {
      auth.purgeExpired(clock.instant());
      idempotency.purgeExpired(clock.instant());
    } catch (RuntimeException e) {
      LOG.atWarn().setCause(e).log("purging expired tokens and idempotency keys failed");
    }
  }

  @Override
  public void close() {
    socket.close();
    pruning.close();
    queues.close();
    supervision.close();
    agents.close();
    callLogs.close();
    desk.close();
    pops.close();
    dispatcher.close();
    fanout.close();
    scheduler.shutdownNow();
  }
}
