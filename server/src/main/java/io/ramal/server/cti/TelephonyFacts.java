package io.ramal.server.cti;

import io.ramal.cti.DeviceAbilities;
import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.QueueOffer;
import io.ramal.cti.ReleaseCause;
import io.ramal.cti.UnregisterReason;
import io.ramal.cti.fact.CallCreated;
import io.ramal.cti.fact.ContactRegistered;
import io.ramal.cti.fact.ContactUnregistered;
import io.ramal.cti.fact.DigitDetected;
import io.ramal.cti.fact.LegAlerted;
import io.ramal.cti.fact.LegAnswered;
import io.ramal.cti.fact.LegConferenced;
import io.ramal.cti.fact.LegCreated;
import io.ramal.cti.fact.LegHeld;
import io.ramal.cti.fact.LegMuted;
import io.ramal.cti.fact.LegUnmuted;
import io.ramal.cti.fact.LegReleased;
import io.ramal.cti.fact.LegRetrieved;
import io.ramal.cti.fact.LegTransferred;
import io.ramal.cti.fact.RecorderPaused;
import io.ramal.cti.fact.RecorderResumed;
import io.ramal.cti.fact.RecorderStarted;
import io.ramal.cti.fact.RecorderStopped;
import io.ramal.cti.fact.SupervisorConnected;
import io.ramal.cti.fact.SupervisorReleased;
import io.ramal.cti.fact.TelephonyFact;
import io.ramal.cti.CampaignFields;
import io.ramal.cti.queue.QueueEffect;
import io.ramal.cti.queue.QueueFact;
import io.ramal.pbx.call.CallObserver;
import io.ramal.pbx.call.CallRecord;
import io.ramal.pbx.media.HoldOrigin;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.Binding;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.server.pbx.PbxQueueControl;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Translates what the PBX reports (a B2BUA call with a caller and a callee side, registrations
 * of an address of record) into the CTI core's telephony facts. A B2BUA call is one CTI call
 * whose legs are {@code <call id>-a} (the caller) and {@code <call id>-b} (the callee). The
 * called leg is released before the caller's, except when the caller gave up (cancel).
 *
 * <p>A click-to-call is the same call with its steps reported one by one: created with the
 * caller's own device only, whose answer is the caller leg's; the callee leg exists from the
 * moment the destination is called. One ended before that (the device refused, did not answer,
 * or the call was cleared while it rang) releases the caller leg alone; the set of such calls
 * is the one piece of state this translator keeps.
 */
public final class TelephonyFacts implements CallObserver, LocationService.Listener, PbxQueueControl.OfferNotes {
  private final Consumer<TelephonyFact> sink;
  private final InstantSource clock;
  private final CallObserver supervision;
  /** Click-to-calls whose destination is not called yet (so they have no callee leg). */
  private final Set<String> withoutCalleeLeg = ConcurrentHashMap.newKeySet();
  /** Leg names of calls whose sides changed hands (transfers) or that have a new leg being called. */
  private final Map<String, LegNames> renamed = new ConcurrentHashMap<>();
  /** Calls Ramal answered itself (queue, voice menu), once their CallCreated is out. */
  private final Set<String> createdHere = ConcurrentHashMap.newKeySet();
  private final QueueLegs queueLegs = new QueueLegs();
  /** Supervisions whose supervisor's phone answered: supervision id → the supervisor's device. */
  private final Map<String, String> supervisors = new ConcurrentHashMap<>();

  /**
   * The leg ids of one call once a transfer touched it: each side's current leg, and the new leg
   * being called (which may belong to a consultation call). A call's facts come from one shard
   * thread, so one call's entry is never used concurrently.
   */
  private static final class LegNames {
    String caller;
    String callee;
    /** The CTI call the new leg belongs to (the call itself, or its consultation) and its id. */
    String newLegCall;
    String newLeg;
    boolean newLegCallerSide;
    int legsMade = 1;
    /** Conference participants beyond the two sides: the PBX's key → their leg id. */
    final Map<String, String> participants = new java.util.LinkedHashMap<>();

    LegNames(String callId) {
      this.caller = callerLeg(callId);
      this.callee = calleeLeg(callId);
    }

    void side(boolean callerSide, String legId) {
      if (callerSide) caller = legId;
      else callee = legId;
    }

    void newLegDone() {
      newLegCall = null;
      newLeg = null;
    }
  }

  public TelephonyFacts(Consumer<TelephonyFact> sink, InstantSource clock) {
    this(sink, clock, CallObserver.NONE);
  }

  /**
   * With {@code supervision}: where the supervision facts go (they are no call facts: the
   * supervisor is never a party of the call; its device is busy with it, which the CTI core hears as
   * {@link SupervisorConnected} and {@link SupervisorReleased}).
   */
  public TelephonyFacts(Consumer<TelephonyFact> sink, InstantSource clock, CallObserver supervision) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.supervision = Objects.requireNonNull(supervision, "supervision");
  }

  @Override
  public void supervisionStarted(String tenantId, String callId, String supervisionId, String supervisor,
      io.ramal.pbx.media.SupervisionMode mode, Optional<String> agent, boolean notified, Instant at) {
    supervisors.put(supervisionId, supervisor);
    sink.accept(new SupervisorConnected(tenantId, supervisor, callId, at));
    supervision.supervisionStarted(tenantId, callId, supervisionId, supervisor, mode, agent, notified, at);
  }

  @Override
  public void supervisionModeChanged(String tenantId, String callId, String supervisionId,
      io.ramal.pbx.media.SupervisionMode mode, Optional<String> agent, Instant at) {
    supervision.supervisionModeChanged(tenantId, callId, supervisionId, mode, agent, at);
  }

  @Override
  public void supervisionEnded(String tenantId, String callId, String supervisionId, String cause, String detail,
      Instant at) {
    String supervisor = supervisors.remove(supervisionId);
    if (supervisor != null) sink.accept(new SupervisorReleased(tenantId, supervisor, callId, at));
    supervision.supervisionEnded(tenantId, callId, supervisionId, cause, detail, at);
  }

  /** Where the facts of calls waiting in queues go (the queue desk's {@code report}). */
  public void queueFacts(Consumer<QueueFact> facts) {
    queueLegs.reportTo(facts);
  }

  /** The leg id of one side of {@code callId} now. */
  private String leg(String callId, boolean callerSide) {
    LegNames names = renamed.get(callId);
    if (names == null) return callerSide ? callerLeg(callId) : calleeLeg(callId);
    return callerSide ? names.caller : names.callee;
  }

  private LegNames names(String callId) {
    return renamed.computeIfAbsent(callId, LegNames::new);
  }

  static String callerLeg(String callId) {
    return callId + "-a";
  }

  static String calleeLeg(String callId) {
    return callId + "-b";
  }

  @Override
  public void offered(Offer o) {
    Direction direction = direction(o.direction());
    Endpoint caller = direction == Direction.INBOUND ? Endpoint.external(o.callerNumber())
        : Endpoint.device(o.callerNumber());
    Optional<String> callerName = o.callerName().isBlank() ? Optional.empty() : Optional.of(o.callerName());
    sink.accept(new CallCreated(o.tenantId(), o.callId(), o.at(), callerLeg(o.callId()), caller, callerName,
        o.callee(), Optional.empty(), direction, Optional.empty()));
    if (o.routed()) {
      Endpoint callee = direction == Direction.OUTBOUND ? Endpoint.external(o.callee()) : Endpoint.device(o.callee());
      sink.accept(new LegCreated(o.tenantId(), o.callId(), o.at(), calleeLeg(o.callId()), callee, Optional.empty()));
    }
  }

  @Override
  public void originated(Offer o) {
    Direction direction = direction(o.direction());
    Optional<String> callerName = o.callerName().isBlank() ? Optional.empty() : Optional.of(o.callerName());
    withoutCalleeLeg.add(o.callId());
    sink.accept(new CallCreated(o.tenantId(), o.callId(), o.at(), callerLeg(o.callId()), Endpoint.device(o.callerNumber()),
        callerName, o.callee(), Optional.empty(), direction, Optional.empty()));
  }

  @Override
  public void originatorAnswered(String tenantId, String callId, java.time.Instant at) {
    sink.accept(new LegAnswered(tenantId, callId, at, callerLeg(callId)));
  }

  @Override
  public void destinationCalled(String tenantId, String callId, CallRecord.Direction direction, String callee,
      java.time.Instant at) {
    withoutCalleeLeg.remove(callId);
    Endpoint target = direction == CallRecord.Direction.OUTBOUND ? Endpoint.external(callee) : Endpoint.device(callee);
    sink.accept(new LegCreated(tenantId, callId, at, calleeLeg(callId), target, Optional.empty()));
  }

  @Override
  public void alerting(String tenantId, String callId, java.time.Instant at) {
    sink.accept(new LegAlerted(tenantId, callId, at, leg(callId, false)));
  }

  @Override
  public void answered(String tenantId, String callId, java.time.Instant at) {
    sink.accept(new LegAnswered(tenantId, callId, at, leg(callId, false)));
  }

  @Override
  public void transferred(String tenantId, String callId, boolean leaverIsCaller, String target, boolean targetExternal,
      Optional<String> consultCallId, Instant at) {
    sink.accept(new LegTransferred(tenantId, callId, at, leg(callId, leaverIsCaller), endpoint(target, targetExternal),
        consultCallId));
    if (consultCallId.isPresent()) {
      // The consulted party's leg moved into this call with its id; it is this side's leg now.
      LegNames names = names(callId);
      names.side(leaverIsCaller, calleeLeg(consultCallId.get()));
      names.newLegDone();
    }
  }

  @Override
  public void transferredWith(String tenantId, String callId, boolean leaverIsCaller, String target,
      boolean targetExternal, String consultCallId, boolean consultedIsCaller, Instant at) {
    String moved = leg(consultCallId, consultedIsCaller);
    sink.accept(new LegTransferred(tenantId, callId, at, leg(callId, leaverIsCaller), endpoint(target, targetExternal),
        Optional.of(consultCallId)));
    // The consulted party's leg moved into this call with its id; it is this side's leg now.
    LegNames names = names(callId);
    names.side(leaverIsCaller, moved);
    names.newLegDone();
  }

  /** The replacing device gets a leg of its own, answered; the replaced one leaves as picked up elsewhere. */
  @Override
  public void sideReplaced(String tenantId, String callId, boolean callerSide, String by, Instant at) {
    String replaced = leg(callId, callerSide);
    LegNames names = names(callId);
    names.legsMade++;
    String legId = callId + (callerSide ? "-a" : "-b") + names.legsMade;
    sink.accept(new LegCreated(tenantId, callId, at, legId, Endpoint.device(by), Optional.empty()));
    sink.accept(new LegAnswered(tenantId, callId, at, legId));
    sink.accept(new LegReleased(tenantId, callId, at, replaced, ReleaseCause.DIVERTED));
    names.side(callerSide, legId);
  }

  @Override
  public void consultationStarted(String tenantId, String callId, String consultCallId, boolean consulterIsCaller,
      String consulter, String target, CallRecord.Direction direction, Instant at) {
    sink.accept(new CallCreated(tenantId, consultCallId, at, callerLeg(consultCallId), Endpoint.device(consulter),
        Optional.empty(), target, Optional.empty(), direction(direction), Optional.of(callId)));
    sink.accept(new LegAnswered(tenantId, consultCallId, at, callerLeg(consultCallId)));
    LegNames names = names(callId);
    names.newLegCall = consultCallId;
    names.newLeg = calleeLeg(consultCallId);
    names.newLegCallerSide = consulterIsCaller;
  }

  @Override
  public void consultationEnded(String tenantId, String callId, String consultCallId, CallRecord.Disposition disposition,
      String cause, Instant at) {
    LegNames names = names(callId);
    if (consultCallId.equals(names.newLegCall)) {
      sink.accept(new LegReleased(tenantId, consultCallId, at, names.newLeg, ReleaseCause.NORMAL));
      names.newLegDone();
    }
    sink.accept(new LegReleased(tenantId, consultCallId, at, callerLeg(consultCallId), ReleaseCause.NORMAL));
  }

  @Override
  public void newLegCalled(String tenantId, String callId, boolean callerSide, String target, boolean external,
      Instant at) {
    LegNames names = names(callId);
    if (names.newLeg == null) {
      names.legsMade++;
      names.newLegCall = callId;
      names.newLeg = callId + (callerSide ? "-a" : "-b") + names.legsMade;
      names.newLegCallerSide = callerSide;
    }
    sink.accept(new LegCreated(tenantId, names.newLegCall, at, names.newLeg, endpoint(target, external), Optional.empty()));
  }

  @Override
  public void newLegAlerting(String tenantId, String callId, Instant at) {
    LegNames names = renamed.get(callId);
    if (names != null && names.newLeg != null) sink.accept(new LegAlerted(tenantId, names.newLegCall, at, names.newLeg));
  }

  @Override
  public void newLegAnswered(String tenantId, String callId, Instant at) {
    LegNames names = renamed.get(callId);
    if (names == null || names.newLeg == null) return;
    sink.accept(new LegAnswered(tenantId, names.newLegCall, at, names.newLeg));
    if (names.newLegCall.equals(callId)) {
      names.side(names.newLegCallerSide, names.newLeg);
      names.newLegDone();
    }
  }

  @Override
  public void newLegFailed(String tenantId, String callId, CallRecord.Disposition disposition, String cause, Instant at) {
    LegNames names = renamed.get(callId);
    if (names == null || names.newLeg == null) return;
    sink.accept(new LegReleased(tenantId, names.newLegCall, at, names.newLeg, cause(disposition, cause)));
    names.newLegDone();
  }

  @Override
  public void conferenced(String tenantId, String callId, boolean byCaller, String participantKey,
      Optional<String> consultCallId, Instant at) {
    LegNames names = names(callId);
    String legId;
    if (consultCallId.isPresent()) {
      legId = calleeLeg(consultCallId.get()); // moves into this call with the consultation's parties
    } else {
      legId = names.newLeg;
      if (legId == null) return;
      sink.accept(new LegAnswered(tenantId, callId, at, legId));
    }
    names.newLegDone();
    names.participants.put(participantKey, legId);
    sink.accept(new LegConferenced(tenantId, callId, at, leg(callId, byCaller), consultCallId));
  }

  @Override
  public void participantLeft(String tenantId, String callId, String participantKey, Instant at) {
    LegNames names = renamed.get(callId);
    String legId = names == null ? null : names.participants.remove(participantKey);
    if (legId != null) sink.accept(new LegReleased(tenantId, callId, at, legId, ReleaseCause.NORMAL));
  }

  @Override
  public void sideTakenBy(String tenantId, String callId, boolean callerSide, String participantKey, Instant at) {
    LegNames names = renamed.get(callId);
    String legId = names == null ? null : names.participants.remove(participantKey);
    if (legId == null) return;
    sink.accept(new LegReleased(tenantId, callId, at, leg(callId, callerSide), ReleaseCause.NORMAL));
    names.side(callerSide, legId);
  }

  @Override
  public void participantMuteChanged(String tenantId, String callId, String participantKey, boolean muted, Instant at) {
    LegNames names = renamed.get(callId);
    String legId = names == null ? null : names.participants.get(participantKey);
    if (legId != null) sink.accept(muted ? new LegMuted(tenantId, callId, at, legId) : new LegUnmuted(tenantId, callId, at, legId));
  }

  private static Endpoint endpoint(String number, boolean external) {
    return external ? Endpoint.external(number) : Endpoint.device(number);
  }

  @Override
  public void holdChanged(String tenantId, String callId, boolean byCaller, boolean held, HoldOrigin origin,
      java.time.Instant at) {
    String leg = leg(callId, byCaller);
    io.ramal.cti.HoldOrigin by = switch (origin) {
      case PHONE -> io.ramal.cti.HoldOrigin.DEVICE;
      case SERVER -> io.ramal.cti.HoldOrigin.SERVER;
    };
    sink.accept(held ? new LegHeld(tenantId, callId, at, leg, by) : new LegRetrieved(tenantId, callId, at, leg));
  }

  @Override
  public void muteChanged(String tenantId, String callId, boolean caller, boolean muted, java.time.Instant at) {
    String leg = leg(callId, caller);
    sink.accept(muted ? new LegMuted(tenantId, callId, at, leg) : new LegUnmuted(tenantId, callId, at, leg));
  }

  @Override
  public void digit(String tenantId, String callId, boolean fromCaller, char digit, java.time.Instant at) {
    sink.accept(new DigitDetected(tenantId, callId, at, leg(callId, fromCaller), digit));
  }

  @Override
  public void recordingStarted(String tenantId, String callId, String recordingId, java.time.Instant at) {
    sink.accept(new RecorderStarted(tenantId, callId, at, recordingId));
  }

  @Override
  public void recordingPaused(String tenantId, String callId, String recordingId, java.time.Instant at) {
    sink.accept(new RecorderPaused(tenantId, callId, at, recordingId));
  }

  @Override
  public void recordingResumed(String tenantId, String callId, String recordingId, java.time.Instant at) {
    sink.accept(new RecorderResumed(tenantId, callId, at, recordingId));
  }

  /** The reason stays in the recordings index; the CTI event says only that it stopped. */
  @Override
  public void recordingStopped(String tenantId, String callId, String recordingId, String reason,
      java.time.Instant at) {
    sink.accept(new RecorderStopped(tenantId, callId, at, recordingId));
  }

  @Override
  public void queued(String tenantId, String callId, String queue, String callerNumber, String callerName, Instant at) {
    Optional<String> name = callerName.isBlank() ? Optional.empty() : Optional.of(callerName);
    queueLegs.arrived(callId);
    if (createdHere.add(callId)) {
      // First queue of the call: it exists for the CTI layer with its caller answered (by us).
      withoutCalleeLeg.add(callId);
      // Queues are reached through DIDs: the caller came in through a trunk.
      sink.accept(new CallCreated(tenantId, callId, at, callerLeg(callId), Endpoint.external(callerNumber), name, queue,
          Optional.empty(), Direction.INBOUND, Optional.empty()));
      sink.accept(new LegAnswered(tenantId, callId, at, callerLeg(callId)));
    }
    queueLegs.report(new QueueFact.CallerArrived(tenantId, callId, queue, callerNumber, name, CampaignFields.NONE, at));
  }

  /**
   * A queue is about to order the PBX to ring {@code offer.device()} for its caller: the leg the PBX then
   * reports is that queue's offer (its {@code call.delivered} carries the queue and the caller's wait).
   */
  @Override
  public void offering(QueueEffect.Offer offer) {
    queueLegs.ordered(offer);
  }

  /** The PBX did not carry out an ordered offer (it reports no leg for it). */
  @Override
  public void offerDropped(QueueEffect.Offer offer) {
    queueLegs.dropped(offer);
  }

  @Override
  public void queueOfferCalled(String tenantId, String callId, String device, boolean sentOn, Instant at) {
    LegNames names = names(callId);
    names.legsMade++;
    String legId = callId + "-q" + names.legsMade;
    boolean external = device.matches("\\+?[0-9]{8,}");
    Optional<QueueOffer> offer = queueLegs.called(callId, device, legId, sentOn);
    sink.accept(new LegCreated(tenantId, callId, at, legId, endpoint(device, external), Optional.empty(), offer));
  }

  @Override
  public void queueOfferAlerting(String tenantId, String callId, String device, Instant at) {
    queueLegs.leg(callId, device).ifPresent(legId -> sink.accept(new LegAlerted(tenantId, callId, at, legId)));
  }

  @Override
  public void queueOfferAnswered(String tenantId, String callId, String device, boolean sentOn, Instant at) {
    queueLegs.over(callId, device).ifPresent(legId -> {
      withoutCalleeLeg.remove(callId);
      names(callId).side(false, legId);
      sink.accept(new LegAnswered(tenantId, callId, at, legId));
    });
    if (!sentOn) queueLegs.report(new QueueFact.OfferAnswered(tenantId, callId, device, at));
  }

  @Override
  public void queueOfferEnded(String tenantId, String callId, String device, int status, boolean withdrawn,
      Instant at) {
    Optional<String> legId = queueLegs.over(callId, device);
    ReleaseCause cause = withdrawn ? ReleaseCause.CANCELLED : switch (status) {
      case 486, 600 -> ReleaseCause.BUSY;
      case 603 -> ReleaseCause.REJECTED;
      case 404, 408, 480, 503 -> ReleaseCause.UNREACHABLE;
      default -> ReleaseCause.NO_ANSWER;
    };
    legId.ifPresent(leg -> sink.accept(new LegReleased(tenantId, callId, at, leg, cause)));
    if (!withdrawn) queueLegs.failed(tenantId, callId, device, cause, at);
  }

  /**
   * The queue hears that a queue call ended at the instant its CDR says (so the queue's handling times and
   * the agents' talk times agree to the millisecond): the PBX reports the queue's end just before the CDR,
   * so it waits here for {@link #ended}; if the CDR came first, its end is used at once.
   */
  @Override
  public void queueCallEnded(String tenantId, String callId, Instant at) {
    queueLegs.callEnded(tenantId, callId);
  }

  /**
   * The caller is in a voice menu: the first time, the call is created (inbound, its callee number the
   * DID) with the caller answered; each menu is a party of its own, device {@code ivr:<menu>}, answered
   * at once and the callee side until the caller leaves it.
   */
  @Override
  public void ivrEntered(String tenantId, String callId, String menu, String did, String callerNumber,
      String callerName, Instant at) {
    if (createdHere.add(callId)) {
      Optional<String> name = callerName.isBlank() ? Optional.empty() : Optional.of(callerName);
      sink.accept(new CallCreated(tenantId, callId, at, callerLeg(callId), Endpoint.external(callerNumber), name, did,
          Optional.empty(), Direction.INBOUND, Optional.empty()));
      sink.accept(new LegAnswered(tenantId, callId, at, callerLeg(callId)));
    }
    LegNames names = names(callId);
    names.legsMade++;
    String legId = callId + "-i" + names.legsMade;
    sink.accept(new LegCreated(tenantId, callId, at, legId, Endpoint.device(ivrDevice(menu)), Optional.empty()));
    sink.accept(new LegAnswered(tenantId, callId, at, legId));
    names.side(false, legId);
    withoutCalleeLeg.remove(callId);
  }

  /**
   * The caller left a menu: the menu's party transfers the call to the target ({@code extension:N} and
   * {@code number:N} as the device or external number, {@code queue:NAME} and {@code ivr:NAME} as they
   * are written) and leaves it. What the target does next comes as its own facts.
   */
  @Override
  public void ivrLeft(String tenantId, String callId, String menu, String target, String why, Instant at) {
    int colon = target.indexOf(':');
    String kind = target.substring(0, Math.max(colon, 0));
    String value = target.substring(colon + 1);
    Endpoint to = switch (kind) {
      case "extension" -> Endpoint.device(value);
      case "number" -> Endpoint.external(value);
      default -> Endpoint.device(target);
    };
    sink.accept(new LegTransferred(tenantId, callId, at, leg(callId, false), to, Optional.empty()));
  }

  /** The device name a voice menu has as a party of the calls in it. */
  static String ivrDevice(String menu) {
    return "ivr:" + menu;
  }

  @Override
  public void ended(CallRecord r) {
    String tenant = r.tenantId();
    String callId = r.id();
    var at = r.endedAt();
    queueLegs.recorded(tenant, callId, at);
    ReleaseCause cause = cause(r);
    LegReleased caller = new LegReleased(tenant, callId, at, leg(callId, true), cause);
    LegReleased callee = new LegReleased(tenant, callId, at, leg(callId, false), cause);
    LegNames names = renamed.remove(callId);
    createdHere.remove(callId);
    if (names != null) {
      for (String participant : names.participants.values()) {
        sink.accept(new LegReleased(tenant, callId, at, participant, cause));
      }
    }
    if (withoutCalleeLeg.remove(callId)) {
      sink.accept(caller);
    } else if (cause == ReleaseCause.CANCELLED) {
      sink.accept(caller);
      sink.accept(callee);
    } else {
      sink.accept(callee);
      sink.accept(caller);
    }
  }

  /** Why both parties left, from the CDR's disposition and SIP status. */
  static ReleaseCause cause(CallRecord r) {
    return cause(r.disposition(), r.cause());
  }

  static ReleaseCause cause(CallRecord.Disposition disposition, String cause) {
    return switch (disposition) {
      case ANSWERED -> cause.startsWith("no RTP") ? ReleaseCause.DEAD_MEDIA : ReleaseCause.NORMAL;
      case BUSY -> ReleaseCause.BUSY;
      case NO_ANSWER -> ReleaseCause.NO_ANSWER;
      case CANCELLED -> ReleaseCause.CANCELLED;
      case FAILED -> cause.startsWith("404") || cause.startsWith("480") || cause.startsWith("484")
          ? ReleaseCause.UNREACHABLE
          : cause.startsWith("403") || cause.startsWith("603") ? ReleaseCause.REJECTED : ReleaseCause.FAILED;
    };
  }

  private static Direction direction(CallRecord.Direction d) {
    return switch (d) {
      case INTERNAL -> Direction.INTERNAL;
      case INBOUND -> Direction.INBOUND;
      case OUTBOUND -> Direction.OUTBOUND;
    };
  }

  @Override
  public void onRegistered(AddressOfRecord aor, Binding binding, int contacts) {
    DeviceAbilities abilities = new DeviceAbilities(binding.answersOnRequest(), false);
    sink.accept(new ContactRegistered(aor.tenantId(), aor.user(), clock.instant(), contacts, abilities));
  }

  @Override
  public void onUnregistered(AddressOfRecord aor, boolean expired) {
    sink.accept(new ContactUnregistered(aor.tenantId(), aor.user(), clock.instant(), 0,
        expired ? UnregisterReason.EXPIRED : UnregisterReason.REMOVED));
  }
}
