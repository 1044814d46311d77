package io.ramal.pbx.core;

import io.ramal.pbx.call.B2bua;
import io.ramal.pbx.call.CallObserver;
import io.ramal.pbx.media.MediaPlane;
import io.ramal.pbx.call.CallRecordSink;
import io.ramal.pbx.call.PartyCommand;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.call.DialPlan;
import io.ramal.pbx.record.RecordingAction;
import io.ramal.pbx.record.RecordingReply;
import io.ramal.pbx.record.Recordings;
import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.call.Destination;
import io.ramal.pbx.call.OriginateOutcome;
import io.ramal.pbx.call.Originator;
import io.ramal.pbx.call.ParkingLot;
import io.ramal.pbx.call.ParkSettings;
import io.ramal.pbx.call.SupervisionCommand;
import io.ramal.pbx.call.TransferCommand;
import io.ramal.pbx.call.ConferenceCommand;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.pbx.registrar.Registrar;
import io.ramal.pbx.transport.InboundSink;
import io.ramal.pbx.trunk.TrunkRegistration;
import io.ramal.pbx.trunk.TrunkRegistrationStatus;
import io.ramal.pbx.trunk.TrunkRegistrations;
import io.ramal.pbx.transport.LocalEndpoint;
import io.ramal.pbx.transport.TcpTransport;
import io.ramal.pbx.transport.TransportStats;
import io.ramal.pbx.transport.Transports;
import io.ramal.pbx.transport.UdpTransport;
import io.ramal.sip.auth.CredentialGuard;
import io.ramal.sip.auth.DigestVerifier;
import io.ramal.sip.auth.NonceIssuer;
import io.ramal.sip.auth.NoncePolicy;
import io.ramal.sip.id.Identifiers;
import io.ramal.sip.transaction.TransactionLayer;
import io.ramal.sip.transaction.TransactionObserver;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running SIP side of Ramal: transports, shards, registrar and B2BUA, wired together. */
public final class Pbx implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pbx.class);
  private final Transports transports;
  private final Shards shards;
  private final LocationService location;
  private final ScheduledExecutorService housekeeping;
  private final LongAdder retransmissions;

  private final TrunkRegistrations trunkRegistrations;
  private final Directory directory;
  private final DialPlan plan;
  private final AtomicInteger nextOriginationLane = new AtomicInteger();
  private final ParkingLot lot;

  private Pbx(Transports transports, Shards shards, LocationService location, ScheduledExecutorService housekeeping,
      LongAdder retransmissions, TrunkRegistrations trunkRegistrations, Directory directory, DialPlan plan,
      ParkingLot lot) {
    this.lot = lot;
    this.trunkRegistrations = trunkRegistrations;
    this.directory = directory;
    this.plan = plan;
    this.transports = transports;
    this.shards = shards;
    this.location = location;
    this.housekeeping = housekeeping;
    this.retransmissions = retransmissions;
  }

  public static Pbx start(PbxSettings settings, Directory directory, CallRecordSink records, PbxEvents events,
      InstantSource clock) throws IOException {
    return start(settings, directory, records, events, MediaPlane.DIRECT, CallObserver.NONE, clock);
  }

  public static Pbx start(PbxSettings settings, Directory directory, CallRecordSink records, PbxEvents events,
      MediaPlane media, CallObserver calls, InstantSource clock) throws IOException {
    return start(settings, directory, records, events, media, calls, Recordings.disabled(clock), clock);
  }

  /** A PBX whose calls may be recorded ({@code recordings} is owned, and closed, by the caller). */
  public static Pbx start(PbxSettings settings, Directory directory, CallRecordSink records, PbxEvents events,
      MediaPlane media, CallObserver calls, Recordings recordings, InstantSource clock) throws IOException {
    TransportStats stats = new TransportStats();
    InboundSink[] sink = new InboundSink[1];
    InboundSink forward = (frame, from) -> sink[0].receive(frame, from);
    List<UdpTransport> udp = new ArrayList<>();
    List<TcpTransport> tcp = new ArrayList<>();
    int port = settings.port();
    try {
      for (InetAddress bind : settings.bindAddresses()) {
        String host = advertised(settings, bind);
        if (settings.transports().contains(Transport.UDP)) {
          UdpTransport u = UdpTransport.bind(new InetSocketAddress(bind, port), host, forward, stats);
          udp.add(u);
          if (port == 0) port = u.endpoint().port();
        }
        if (settings.transports().contains(Transport.TCP)) {
          TcpTransport t = TcpTransport.bind(new InetSocketAddress(bind, port), host, forward, stats, settings.maxTcpConnections());
          tcp.add(t);
          if (port == 0) port = t.endpoint().port();
        }
      }
    } catch (IOException e) {
      udp.forEach(UdpTransport::close);
      tcp.forEach(TcpTransport::close);
      throw e;
    }
    Transports transports = new Transports(udp, tcp, stats);
    LocationService location = new LocationService(clock);
    Registrar registrar = new Registrar(location, settings.registration(), clock);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    DigestVerifier verifier = new DigestVerifier(new NonceIssuer(secret, clock, NoncePolicy.defaults()));
    Authenticator authenticator = new Authenticator(directory, verifier, new CredentialGuard(settings.guard(), clock), events);
    DialPlan plan = new DialPlan(directory);
    Identifiers ids = Identifiers.create();
    LongAdder retransmissions = new LongAdder();
    TransactionObserver observer = new TransactionObserver() {
      @Override
      public void onRetransmission(boolean client, String method) {
        retransmissions.increment();
        events.retransmission(method);
      }
    };
    ParkingLot lot = new ParkingLot(ParkSettings.DEFAULTS, clock);
    Joins joins = new Joins(lot);
    List<Shards.Lane> lanes = new ArrayList<>();
    List<SipContext> contexts = new ArrayList<>();
    for (int i = 0; i < settings.shards(); i++) {
      Shard shard = new Shard(i);
      SipContext ctx = new SipContext(shard, transports, ids, settings.userAgent());
      B2bua b2bua = new B2bua(ctx, location, records, clock, settings.noAnswerTimeout(), media, calls, recordings, plan);
      Originator originator = new Originator(ctx, location, b2bua, records, clock, settings.noAnswerTimeout(), media, calls);
      SipRouter router = new SipRouter(ctx, directory, authenticator, registrar, plan, b2bua, originator, clock, events);
      router.joins(joins);
      TransactionLayer layer = new TransactionLayer(transports, shard, settings.timers(), router, observer);
      ctx.layer(layer);
      contexts.add(ctx);
      lanes.add(new Shards.Lane(shard, layer, router, new ShardLoad(settings.overload())));
    }
    Shards shards = new Shards(lanes);
    joins.shards(shards);
    for (Shards.Lane lane : lanes) {
      lane.router().b2bua().parkIn(lot, shards);
      lane.router().b2bua().replaces().across(shards);
    }
    sink[0] = new InboundPipeline(authenticator, transports, shards, events, System::nanoTime);
    ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("pbx-housekeeping").daemon().factory());
    housekeeping.scheduleWithFixedDelay(location::purge, 5, 5, TimeUnit.SECONDS);
    TrunkRegistrations trunkRegistrations = new TrunkRegistrations(contexts, clock);
    trunkRegistrations.sync(directory.trunks());
    Pbx pbx = new Pbx(transports, shards, location, housekeeping, retransmissions, trunkRegistrations, directory, plan,
        lot);
    // Trunks changed behind the API's back (another node, the database) are picked up too.
    housekeeping.scheduleWithFixedDelay(pbx::syncTrunks, 5, 5, TimeUnit.SECONDS);
    log.info("event=sip_started endpoints=\"{}\"", transports.endpoints());
    return pbx;
  }

  private static String advertised(PbxSettings settings, InetAddress bind) {
    if (!settings.advertisedHost().isEmpty()) return settings.advertisedHost();
    if (bind.isAnyLocalAddress()) {
      log.warn("event=sip_advertised_host_missing bind={} note=\"set sip.advertised_host; using loopback\"", bind);
      return bind instanceof Inet6Address ? "[::1]" : "127.0.0.1";
    }
    return Peer.hostText(bind);
  }

  public List<LocalEndpoint> endpoints() {
    return transports.endpoints();
  }

  public LocationService location() {
    return location;
  }

  public int registrations() {
    return location.size();
  }

  /**
   * Click-to-call: rings {@code device}, an extension of {@code tenant}, with an auto-answer hint,
   * and once it answers calls {@code destination} (an extension, or an external number through
   * the tenant's trunk, as if the device had dialled it) and bridges the two through anchored
   * media. Started carries the new call's id; the rest is reported like any call (observer, CDR).
   * Directory lookups happen on the calling thread, the call itself on one shard.
   */
  public OriginateOutcome originate(String tenant, String device, String destination) {
    Optional<Extension> extension = directory.extension(tenant, device);
    if (extension.isEmpty()) {
      return OriginateOutcome.refused(OriginateOutcome.Reason.UNKNOWN_DEVICE, "no extension " + device);
    }
    if (destination.equals(device)) {
      return OriginateOutcome.refused(OriginateOutcome.Reason.SAME_DEVICE, "extension " + device + " cannot call itself");
    }
    Destination routed = plan.route(tenant, destination);
    if (routed instanceof Destination.Unroutable u) {
      boolean external = u.reason().equals(DialPlan.NO_TRUNK_REASON);
      return OriginateOutcome.refused(
          external ? OriginateOutcome.Reason.NO_ROUTE : OriginateOutcome.Reason.UNKNOWN_DESTINATION,
          external ? "no trunk to reach external number " + destination
              : destination + " is neither an extension nor an external number");
    }
    String domain = directory.realmOf(tenant);
    Shards.Lane lane = shards.lane(Math.floorMod(nextOriginationLane.getAndIncrement(), shards.lanes().size()));
    return lane.shard().call(() -> lane.router().originator().originate(extension.get(), domain, routed));
  }

  /**
   * Clears a call of {@code tenant} from our side (an API hang-up); false when no live call has
   * that id in that tenant. The CDR and the events tell the outcome.
   */
  public boolean clear(String tenant, String callId, String cause) {
    for (Shards.Lane lane : shards.lanes()) {
      if (lane.shard().call(() -> lane.router().b2bua().clear(tenant, callId, cause)
          || lane.router().originator().clear(tenant, callId, cause))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Holds (from the server: the other party hears music, {@code party} silence) or retrieves the
   * call {@code callId} of {@code tenant} for {@code party}, the caller's or callee's number.
   */
  public ControlOutcome hold(String tenant, String callId, String party, boolean hold) {
    return control(tenant, callId, new PartyCommand.Hold(party, hold));
  }

  /** Stops ({@code mute}) or resumes passing on what {@code party} says in call {@code callId}. */
  public ControlOutcome mute(String tenant, String callId, String party, boolean mute) {
    return control(tenant, callId, new PartyCommand.Mute(party, mute));
  }

  /** Sends {@code digits} into call {@code callId} as if {@code party} pressed them: the other party hears them. */
  public ControlOutcome sendDigits(String tenant, String callId, String party, String digits, Duration duration,
      Duration gap) {
    return control(tenant, callId, new PartyCommand.SendDigits(party, digits, duration, gap));
  }

  /** Carries out {@code command} on the shard that holds the call (each shard is asked in turn, as for {@link #clear}). */
  public ControlOutcome control(String tenant, String callId, PartyCommand command) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().control(tenant, callId, command));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /** Carries out an order of the queue core on call {@code callId}, which Ramal answered for a queue. */
  public ControlOutcome queue(String tenant, String callId, io.ramal.pbx.call.QueueOrder order) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().queue(tenant, callId, order));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /**
   * Blind transfer: {@code party} of call {@code callId} leaves and the other party is connected
   * to {@code target} (an extension, or an external number through the trunk).
   */
  public ControlOutcome blindTransfer(String tenant, String callId, String party, String target) {
    return transfer(tenant, callId, new TransferCommand.Blind(party, target, plan.route(tenant, target)));
  }

  /** Consultation: {@code party} holds call {@code callId} and calls {@code target}; Started carries its id. */
  public ControlOutcome consult(String tenant, String callId, String party, String target) {
    return transfer(tenant, callId, new TransferCommand.Consult(party, target, plan.route(tenant, target)));
  }

  /** Carries out a transfer command on the shard that holds the call. */
  public ControlOutcome transfer(String tenant, String callId, TransferCommand command) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().transfer(tenant, callId, command));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /** Answers ringing call {@code callId} at {@code device} from the server, where its phone allows it. */
  public ControlOutcome answer(String tenant, String callId, String device) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().answer(tenant, callId, device));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /** Carries out a conference command on the shard that holds the call. */
  public ControlOutcome conference(String tenant, String callId, ConferenceCommand command) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().conference(tenant, callId,
          command));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /**
   * Parks call {@code callId} of {@code tenant} for {@code party} (its leg is released, the other
   * party hears music on hold); Started carries the slot number.
   */
  public ControlOutcome park(String tenant, String callId, String party) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().parking().park(tenant, callId,
          party));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /** Carries out a supervision command on the shard that holds the call. */
  public ControlOutcome supervise(String tenant, String callId, SupervisionCommand command) {
    for (Shards.Lane lane : shards.lanes()) {
      Optional<ControlOutcome> outcome = lane.shard().call(() -> lane.router().b2bua().supervise(tenant, callId,
          command));
      if (outcome.isPresent()) return outcome.get();
    }
    return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no live call " + callId);
  }

  /** Rings {@code device} to take back the call parked in {@code slot}; Started carries the call's id. */
  public ControlOutcome pickup(String tenant, String slot, String device) {
    Optional<ParkingLot.Slot> parked = lot.find(tenant, slot);
    if (parked.isEmpty()) return ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no call is parked in " + slot);
    Shards.Lane lane = shards.lane(parked.get().shard());
    return lane.shard().call(() -> lane.router().b2bua().parking().pickup(tenant, slot, device))
        .orElseGet(() -> ControlOutcome.refused(ControlOutcome.Reason.NO_SUCH_CALL, "no call is parked in " + slot));
  }

  /** Sets the park slots and timeout (calls parked already keep their slot and deadline). */
  /**
   * Where voice menus and queue announcements find their prompts' audio (uploaded per tenant); until
   * set, every menu beeps and queues play music only.
   */
  public void prompts(io.ramal.pbx.ivr.Prompts prompts) {
    for (Shards.Lane lane : shards.lanes()) lane.router().b2bua().prompts(prompts);
  }

  public void parkWith(ParkSettings settings) {
    lot.configure(settings);
  }

  public ParkSettings parkSettings() {
    return lot.settings();
  }

  /** The parked calls of {@code tenant}, by slot. */
  public List<ParkingLot.Slot> parked(String tenant) {
    return lot.list(tenant);
  }

  /** Routes {@code target} for {@code tenant} (an extension, or an external number through the trunk). */
  public Destination route(String tenant, String target) {
    return plan.route(tenant, target);
  }

  /**
   * Starts, pauses, resumes or stops the recording of call {@code callId} of {@code tenant}, on
   * the call's shard; the reply says which recording it acted on, or why nothing changed.
   */
  public CompletableFuture<RecordingReply> recording(String tenant, String callId, RecordingAction action) {
    return recordingOnLane(0, tenant, callId, action);
  }

  private CompletableFuture<RecordingReply> recordingOnLane(int index, String tenant, String callId,
      RecordingAction action) {
    if (index == shards.lanes().size()) {
      return CompletableFuture.completedFuture(new RecordingReply.Refused(RecordingReply.Reason.NO_SUCH_CALL,
          "no live call " + callId));
    }
    Shards.Lane lane = shards.lane(index);
    CompletableFuture<Optional<CompletableFuture<RecordingReply>>> found = new CompletableFuture<>();
    lane.shard().execute(() -> {
      try {
        found.complete(lane.router().b2bua().recording(tenant, callId, action));
      } catch (RuntimeException e) {
        found.completeExceptionally(e);
      }
    });
    return found.thenCompose(reply -> reply.orElseGet(() -> recordingOnLane(index + 1, tenant, callId, action)));
  }

  public int activeCalls() {
    return shards.activeCalls();
  }

  /** The shard that serves dialogs with {@code callId} now (by its hash, or where it is pinned). */
  public int shardOf(String callId) {
    return shards.indexFor(callId);
  }

  /** How many shards the SIP core runs. */
  public int shardCount() {
    return shards.lanes().size();
  }

  public int transactions() {
    return shards.transactions();
  }

  public long retransmissions() {
    return retransmissions.sum();
  }

  public Transports transports() {
    return transports;
  }

  /** Trunks kept registered with their providers, in the order they started. */
  public List<TrunkRegistration> trunkRegistrations() {
    return trunkRegistrations.list();
  }

  /** Where the registration of a tenant's trunk stands; empty when it does not register. */
  public Optional<TrunkRegistrationStatus> trunkStatus(String tenant, String trunk) {
    return trunkRegistrations.status(tenant, trunk);
  }

  /**
   * Brings trunk registrations in line with the directory: call after a trunk changed (with the
   * directory's cache dropped), so a new trunk registers, a changed one registers again and a
   * deleted one unregisters at once. Runs every 5 s by itself as well.
   */
  public void syncTrunks() {
    try {
      trunkRegistrations.sync(directory.trunks());
    } catch (RuntimeException e) {
      log.warn("event=trunk_sync_failed error=\"{}\"", e.toString());
    }
  }

  @Override
  public void close() {
    trunkRegistrations.close();
    housekeeping.shutdownNow();
    transports.close();
    shards.close();
  }
}
