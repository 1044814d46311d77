package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.media.CallMedia.Kind;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.MediaListener;
import io.ramal.pbx.media.MediaPlane;
import io.ramal.pbx.record.CallRecording;
import io.ramal.pbx.record.RecordingAction;
import io.ramal.pbx.record.RecordingReply;
import io.ramal.pbx.record.Recordings;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.Binding;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.dialog.DialogId;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-to-back user agent of one shard: answers the caller's INVITE as a UAS and places one
 * INVITE per callee contact as a UAC (forking, {@link CalleeForks}), then bridges two independent
 * dialogs — no Call-ID, tag or branch crosses from one side to the other. Every session description crossing it goes
 * through the call's {@link CallMedia}, which leaves it alone (direct media) or rewrites it per leg
 * (anchored media). What arrives inside an established dialog is {@link InDialogRequests}'s.
 */
public final class B2bua {
  private static final Logger log = LoggerFactory.getLogger(B2bua.class);
  private final SipContext sip;
  private final LocationService location;
  private final CallRecordSink records;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;
  private final MediaPlane mediaPlane;
  private final CallObserver observer;
  private final ShardCalls calls = new ShardCalls();
  private final CallReports reports;
  private final Recordings recordings;
  private final DialPlan plan;
  private final Transfers transfers;
  private final Conferences conferences;
  private final QueueCalls queues;
  private final Supervisions supervisions;
  private final CalleeForks forks;
  private final ReplacesJoin replaces;
  private final IvrCalls ivrs;
  private final InDialogRequests inDialog;
  private Parking parking;

  public B2bua(SipContext sip, LocationService location, CallRecordSink records, InstantSource clock, Duration noAnswerTimeout,
      MediaPlane mediaPlane, CallObserver observer, Recordings recordings, DialPlan plan) {
    this.recordings = recordings;
    this.transfers = new Transfers(sip, location, this, observer, records, clock, noAnswerTimeout, plan);
    this.conferences = new Conferences(sip, location, this, transfers, observer, clock, noAnswerTimeout);
    this.queues = new QueueCalls(sip, location, this, observer, clock, noAnswerTimeout, plan);
    this.supervisions = new Supervisions(sip, location, this, observer, clock, noAnswerTimeout);
    this.forks = new CalleeForks(sip, this, calls, observer, clock);
    this.ivrs = new IvrCalls(sip, location, this, queues, observer, clock, noAnswerTimeout, plan);
    this.sip = sip;
    this.mediaPlane = mediaPlane;
    this.observer = observer;
    this.reports = new CallReports(records, observer, clock);
    this.location = location;
    this.records = records;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
    this.parking = new Parking(sip, location, this, observer, clock, noAnswerTimeout, plan,
        new ParkingLot(ParkSettings.DEFAULTS, clock), CallIdPins.NONE);
    this.plan = plan;
    this.replaces = new ReplacesJoin(sip, this, transfers, reports, observer, clock);
    this.inDialog = new InDialogRequests(sip, this, reports, transfers, conferences, supervisions, replaces, ivrs);
  }

  /** REFER and INVITE with Replaces (RFC 5589 §7, RFC 3891) for the dialogs of this shard. */
  public ReplacesJoin replaces() {
    return replaces;
  }

  /** Parks this shard's calls in {@code lot} (shared by every shard), pinning joined Call-IDs through {@code pins}. */
  public void parkIn(ParkingLot lot, CallIdPins pins) {
    this.parking = new Parking(sip, location, this, observer, clock, noAnswerTimeout, plan, lot, pins);
  }

  /** Where this shard's voice menus and queue announcements find their prompts' audio. */
  public void prompts(io.ramal.pbx.ivr.Prompts prompts) {
    ivrs.prompts(prompts);
    queues.prompts(prompts);
  }

  /** Park and pickup on this shard. */
  public Parking parking() {
    return parking;
  }

  /** Call {@code callId} of {@code tenant}, answered and live on this shard. */
  Optional<Call> liveCall(String tenant, String callId) {
    return calls.answered(tenant, callId);
  }

  /** Live calls on this shard (for metrics and leak checks). */
  public int activeCalls() {
    return calls.count();
  }

  /** Places an authenticated, routed call. {@code tx} is the caller's INVITE server transaction. */
  public void place(ServerTransaction tx, CallOrigin origin, Destination destination, CallRecord.Direction direction) {
    SipRequest invite = tx.request();
    String dialed = switch (destination) {
      case Destination.ToExtension e -> e.number();
      case Destination.ToTrunk t -> t.number();
      case Destination.ToQueue q -> q.queue();
      case Destination.ToIvr i -> "ivr:" + i.menu().name();
      case Destination.Unroutable u -> invite.requestUri() instanceof SipUri ru ? ru.userDecoded() : "";
    };
    Optional<Trunk> trunk = destination instanceof Destination.ToTrunk t ? Optional.of(t.trunk()) : Optional.empty();
    Call call = new Call(sip.ids().callId(), origin, dialed, direction, tx, sip.ids().tag(), sip.newCallId(),
        sip.ids().tag(), clock.instant(), trunk);
    // a call Ramal answers itself (queue, voice menu) is reported once answered here (queued, ivrEntered)
    if (!(destination instanceof Destination.ToQueue) && !(destination instanceof Destination.ToIvr)) {
      CallReports.observe(() -> observer.offered(new CallObserver.Offer(origin.tenantId(), call.id, direction,
          origin.number(), origin.displayName(), dialed, !(destination instanceof Destination.Unroutable), call.startedAt)));
    }
    if (destination instanceof Destination.Unroutable u) {
      reject(call, u.status(), u.reason(), CallRecord.Disposition.FAILED);
      return;
    }
    call.media = mediaPlane.open(call.id, origin.tenantId(), sip.shard(), listenerFor(call));
    byte[] offer;
    switch (call.media.fromSide(Side.CALLER, Kind.OFFER, invite.body())) {
      case Outcome.Forward f -> offer = f.body();
      case Outcome.Refuse r -> {
        reject(call, r.status(), r.reason(), CallRecord.Disposition.FAILED);
        return;
      }
      case Outcome.AnswerLocally a -> throw new IllegalStateException("an initial offer is never answered locally");
    }
    switch (destination) {
      case Destination.Unroutable u -> throw new IllegalStateException("handled above");
      case Destination.ToQueue q -> {
        queues.enter(call, q.queue());
        return;
      }
      case Destination.ToIvr i -> {
        ivrs.enter(call, i.menu(), i.did());
        return;
      }
      case Destination.ToExtension e -> {
        List<Binding> bindings = location.lookup(new AddressOfRecord(e.tenantId(), e.number()));
        if (bindings.isEmpty()) {
          reject(call, 480, "Temporarily Unavailable", CallRecord.Disposition.FAILED);
          return;
        }
        for (Binding b : bindings) {
          Peer peer = sip.isOpen(b.source()) ? b.source() : Peer.of(b.source().transport(), b.source().address());
          call.forks.add(new Fork(peer, CalleeInvite.build(sip, call, b.contact(), peer, invite, offer), Optional.of(b)));
        }
      }
      case Destination.ToTrunk t -> {
        Trunk tr = t.trunk();
        Peer peer = Peer.of(tr.transport(), new InetSocketAddress(tr.host(), tr.port()));
        SipUri ruri = SipUri.of(t.number(), tr.host(), tr.port());
        if (tr.transport() != Transport.UDP) ruri = ruri.withParam("transport", tr.transport().name().toLowerCase(java.util.Locale.ROOT));
        call.forks.add(new Fork(peer, CalleeInvite.build(sip, call, ruri, peer, invite, offer)));
      }
    }
    calls.ringing(tx, call);
    log.info("event=call_started call={} tenant={} caller={} callee={} direction={} forks={}", call.id,
        origin.tenantId(), origin.number(), dialed, direction.wire(), call.forks.size());
    for (Fork f : call.forks) forks.send(call, f);
    call.noAnswerTimer = sip.shard().schedule(noAnswerTimeout, () -> forks.noAnswer(call));
  }

  /** Media threads report here; everything they ask for happens on the call's shard. */
  MediaListener listenerFor(Call call) {
    return new CallMediaReports(call, sip, this, ivrs, observer, clock);
  }

  /**
   * Clears call {@code callId} of {@code tenant} from our side, as a hang-up through the API: a
   * ringing call is refused to its caller (487) and its forks cancelled, an answered one gets a BYE
   * on both legs. False when this shard holds no such call.
   */
  public boolean clear(String tenant, String callId, String cause) {
    Optional<Call> ringingCall = calls.ringing(tenant, callId);
    if (ringingCall.isPresent()) {
      Call call = ringingCall.get();
      for (Fork f : call.forks) if (!f.isDone()) f.tx.cancel();
      reject(call, 487, "Request Terminated", CallRecord.Disposition.CANCELLED);
      return true;
    }
    Optional<Call> answered = calls.answered(tenant, callId);
    answered.ifPresent(call -> hangUp(call, cause));
    return answered.isPresent();
  }

  /**
   * Answers ringing call {@code callId} of {@code tenant} at {@code device} from the server (see
   * {@link RemoteAnswer}); empty when this shard holds no such ringing call.
   */
  public Optional<ControlOutcome> answer(String tenant, String callId, String device) {
    Optional<Call> ringing = calls.ringing(tenant, callId);
    if (ringing.isEmpty()) {
      return calls.answered(tenant, callId).map(call -> ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE,
          "call " + callId + " has been answered"));
    }
    return Optional.of(RemoteAnswer.answer(sip, ringing.get(), device));
  }

  private boolean isRinging(String tenant, String callId) {
    return calls.ringing(tenant, callId).isPresent();
  }

  /**
   * A transfer or consultation command on call {@code callId} of {@code tenant}, for the party
   * {@code party}; empty when this shard holds no such call.
   */
  public Optional<ControlOutcome> transfer(String tenant, String callId, TransferCommand command) {
    if (isRinging(tenant, callId)) {
      return Optional.of(ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "call " + callId
          + " has not been answered"));
    }
    return calls.answered(tenant, callId).map(call -> refusal(call).or(() -> supervised(call)).orElseGet(() -> transfers.carryOut(call, command)));
  }

  /**
   * A supervision command on call {@code callId} of {@code tenant}; empty when this shard holds
   * no such call.
   */
  public Optional<ControlOutcome> supervise(String tenant, String callId, SupervisionCommand command) {
    if (isRinging(tenant, callId)) {
      return Optional.of(ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "call " + callId
          + " has not been answered"));
    }
    return calls.answered(tenant, callId).map(call -> refusal(call).orElseGet(() -> supervisions.carryOut(call, command)));
  }

  /**
   * Why commands cannot act on {@code call} now (it is parked, waits in a queue, or its caller is in a
   * voice menu); empty when they can.
   */
  private static Optional<ControlOutcome> refusal(Call call) {
    if (call.park != null) return Optional.of(parked(call));
    if (IvrCalls.inMenu(call)) return Optional.of(IvrCalls.refusedInMenu(call));
    if (QueueCalls.waiting(call)) return Optional.of(QueueCalls.refusedWhileWaiting(call));
    return Optional.empty();
  }

  /** Transfers and conferences wait until the supervision of {@code call} ends. */
  private static Optional<ControlOutcome> supervised(Call call) {
    return call.supervision == null ? Optional.empty() : Optional.of(ControlOutcome.refused(
        ControlOutcome.Reason.INVALID_STATE, "call " + call.id + " is supervised: end the supervision first"));
  }

  private static ControlOutcome parked(Call call) {
    return ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "call " + call.id + " is parked in "
        + call.park.slot.number() + ": pick it up first");
  }

  /**
   * A conference command on call {@code callId} of {@code tenant}, for the party it names; empty
   * when this shard holds no such call.
   */
  public Optional<ControlOutcome> conference(String tenant, String callId, ConferenceCommand command) {
    if (isRinging(tenant, callId)) {
      return Optional.of(ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "call " + callId
          + " has not been answered"));
    }
    return calls.answered(tenant, callId).map(call -> refusal(call)
        .or(() -> command instanceof ConferenceCommand.Drop ? Optional.empty() : supervised(call))
        .orElseGet(() -> conferences.carryOut(call, command)));
  }

  /**
   * Carries out {@code command} on the media of call {@code callId} of {@code tenant}, on this
   * shard's thread; empty when this shard holds no such call.
   */
  public Optional<ControlOutcome> control(String tenant, String callId, PartyCommand command) {
    if (isRinging(tenant, callId)) {
      return Optional.of(ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "call " + callId
          + " has not been answered"));
    }
    return calls.answered(tenant, callId).map(call -> refusal(call).orElseGet(() -> call.transfer != null && call.transfer.kind != Transfer.Kind.CONSULTATION
        ? ControlOutcome.refused(ControlOutcome.Reason.INVALID_STATE, "call " + callId + " is being transferred")
        : conferences.control(call, command).orElseGet(() -> PartyCommands.carryOut(call, command))));
  }

  /**
   * An order of the queue core for call {@code callId} of {@code tenant}, which Ramal answered for
   * a queue; empty when this shard holds no such call. A caller a voice menu sent to a queue that turns
   * it away goes back to the menu.
   */
  public Optional<ControlOutcome> queue(String tenant, String callId, QueueOrder order) {
    return calls.answered(tenant, callId).map(call -> order instanceof QueueOrder.Release r && r.turnedAway()
        && ivrs.turnedAway(call, r.cause()) ? ControlOutcome.DONE : queues.carryOut(call, order));
  }

  /** Refuses a routed call that cannot go on (its media is unusable): the caller gets {@code status}. */
  void refuse(Call call, int status, String reason) {
    reject(call, status, reason, CallRecord.Disposition.FAILED);
  }

  /**
   * Answers the caller from here with {@code description} (a queue serves it): its dialog is the
   * caller leg, and the call has no callee leg until someone is connected.
   */
  void answerHere(Call call, byte[] description) {
    call.noAnswerTimer.cancel();
    call.state = Call.State.ANSWERED;
    SipResponse ok = callerResponse(call, 200, "OK").withBody("application/sdp", description);
    call.callerInvite.respond(ok);
    call.callerLeg = new Leg(call, true, Dialog.asUas(call.callerRequest(), ok), call.callerInvite.peer());
    calls.answered(call);
  }

  /** A callee leg was connected to a call answered here: the call is an ordinary answered call now. */
  void calleeConnected(Call call) {
    recordingOf(call).answered();
  }

  /**
   * A recording action on call {@code callId} of {@code tenant}; empty when this shard holds no
   * such live call. A ringing call is refused ({@code not answered}).
   */
  public Optional<CompletableFuture<RecordingReply>> recording(String tenant, String callId, RecordingAction action) {
    if (isRinging(tenant, callId)) {
      return Optional.of(CompletableFuture.completedFuture(new RecordingReply.Refused(RecordingReply.Reason.NOT_ANSWERED,
          "call " + callId + " is not answered yet: there is no conversation to record")));
    }
    return calls.answered(tenant, callId).map(call -> recordingOf(call).act(action));
  }

  CallRecording recordingOf(Call call) {
    if (call.recording == null) {
      String tenant = call.origin.tenantId();
      Optional<String> callerExtension = call.direction == CallRecord.Direction.INBOUND ? Optional.empty()
          : Optional.of(call.origin.number());
      Optional<String> calleeExtension = call.direction == CallRecord.Direction.OUTBOUND ? Optional.empty()
          : Optional.of(call.callee);
      call.recording = recordings.forCall(tenant, call.id, callerExtension, calleeExtension, call.media, sip.shard(),
          new RecordingFacts(observer, tenant, call.id));
    }
    return call.recording;
  }

  /** Ends an established call from our side: BYE to both legs. */
  void hangUp(Call call, String cause) {
    if (call.state == Call.State.ENDED || call.callerLeg == null) return;
    sendBye(call.callerLeg);
    sendBye(call.calleeLeg);
    end(call, cause);
  }

  /** A leg that is not (yet) a side of its call receives its in-dialog requests here too. */
  void track(Leg leg) {
    calls.track(leg);
  }

  /** Stops routing requests to {@code leg} (its dialog ended). */
  void forget(Leg leg) {
    calls.forget(leg);
  }

  boolean isForgotten(Leg leg) {
    return !calls.isTracked(leg);
  }

  /** Hangs up one leg from our side and forgets it; its call goes on. */
  void byeAndForget(Leg leg) {
    if (isForgotten(leg)) return;
    forget(leg);
    sendBye(leg.dialog, leg.peer);
  }

  SipResponse callerResponse(Call call, int status, String reason) {
    SipResponse resp = SipResponse.to(call.callerRequest(), status, call.callerTag);
    if (!reason.isEmpty()) resp = resp.withReason(reason);
    if (status > 100 && status < 300) {
      resp = resp.withHeaders(resp.headers().toBuilder()
          .add(HeaderNames.CONTACT, sip.contactFor(call.callerInvite.peer()).toString())
          .add(HeaderNames.ALLOW, SipContext.ALLOW)
          .add(HeaderNames.SERVER, sip.userAgent()).build());
    }
    return resp;
  }

  /** The caller cancelled (the transaction layer already answered the CANCEL). */
  public boolean onCancel(ServerTransaction invite) {
    Call call = calls.ringingFor(invite);
    if (call == null) return false;
    if (call.state == Call.State.RINGING) {
      for (Fork f : call.forks) if (!f.isDone()) f.tx.cancel();
      reject(call, 487, "Request Terminated", CallRecord.Disposition.CANCELLED);
    }
    return true;
  }

  void reject(Call call, int status, String reason, CallRecord.Disposition disposition) {
    call.noAnswerTimer.cancel();
    SipResponse resp = callerResponse(call, status, reason);
    call.callerInvite.respond(resp);
    call.state = Call.State.ENDED;
    calls.ended(call);
    forks.release(call);
    call.media.close(status + " " + resp.reason());
    reports.ended(call, disposition, status + " " + resp.reason());
  }

  /** An in-dialog request for one of our legs; false when no leg matches (the router sends 481). */
  public boolean onInDialogRequest(ServerTransaction tx) {
    return inDialog.onRequest(tx);
  }

  /** ACK for a 2xx: confirms the caller's dialog (late offer: its SDP completes the callee's ACK). */
  public boolean onAck(SipRequest ack) {
    Leg leg = legFor(ack);
    if (leg == null) return false;
    Call call = leg.call;
    if (leg.callerSide && call.state == Call.State.ANSWERED) {
      call.state = Call.State.CONFIRMED;
      if (call.calleeLeg == null && ack.body().length > 0) {
        call.media.fromSide(Side.CALLER, Kind.ANSWER, ack.body()); // our offer to a caller answered here
      }
      if (call.ivr != null) ivrs.confirmed(call);
      if (call.queue != null) queues.confirmed(call);
      if (call.pendingCalleeAck != null) {
        SipRequest calleeAck = call.pendingCalleeAck;
        if (ack.body().length > 0
            && call.media.fromSide(Side.CALLER, Kind.ANSWER, ack.body()) instanceof Outcome.Forward f && f.body().length > 0) {
          calleeAck = calleeAck.withBody("application/sdp", f.body());
        }
        sip.layer().sendStateless(calleeAck, call.calleeLeg.peer);
        call.pendingCalleeAck = null;
      }
    }
    return true;
  }

  /** A 2xx retransmission or late forked 2xx for one of our callee-side INVITEs. */
  public boolean onStrayResponse(SipResponse r) {
    return forks.onStrayResponse(calls.byCalleeCallId(r.callId()), r);
  }

  /** A 2xx to the caller was never ACKed: hang up both sides. */
  public void onAckTimeout(ServerTransaction invite) {
    calls.answeredBy(invite).ifPresent(call -> {
      sendBye(call.callerLeg);
      sendBye(call.calleeLeg);
      end(call, "no ACK from caller");
    });
  }

  /**
   * Takes over a call whose two legs are our own UAC dialogs, both answered (a click-to-call from
   * the {@link Originator}): from now on its in-dialog requests, hang-ups and clearing take the
   * paths of any other call.
   */
  void adopt(Call call) {
    calls.answered(call);
    recordingOf(call).answered(); // an always-record policy applies to click-to-call too
  }

  private Leg legFor(SipRequest req) {
    return legOf(DialogId.ofIncomingRequest(req));
  }

  /** The leg of a live call whose dialog is {@code id}, or null. */
  Leg legOf(DialogId id) {
    return calls.leg(id);
  }

  void sendBye(Leg leg) {
    if (leg == null || leg.departed) return;
    sip.layer().send(leg.dialog.newRequest("BYE", sip.viaFor(leg.peer), 70), leg.peer, InDialogRelay.IGNORE);
  }

  void sendBye(Dialog d, Peer peer) {
    sip.layer().send(d.newRequest("BYE", sip.viaFor(peer), 70), peer, InDialogRelay.IGNORE);
  }

  /** Ends {@code call} and writes its record. */
  void end(Call call, String cause) {
    CallRecord r = release(call, cause);
    if (r != null) reports.write(r);
  }

  /** Ends {@code call} without reporting it; its record is for the caller to write later (null: it had ended). */
  CallRecord release(Call call, String cause) {
    if (call.state == Call.State.ENDED) return null;
    call.state = Call.State.ENDED;
    calls.ended(call);
    forks.release(call);
    transfers.callEnded(call, cause);
    conferences.callEnded(call);
    queues.callEnded(call);
    ivrs.callEnded(call);
    parking.callEnded(call);
    supervisions.callEnded(call);
    if (call.recording != null) call.recording.ended();
    call.media.close(cause);
    boolean waiting = call.queue != null && call.calleeLeg == null;
    boolean unanswered = waiting && call.answeredAt == null; // a voice menu that answered makes the call answered
    if (call.recorded) return null;
    return reports.recordOf(call, unanswered ? CallRecord.Disposition.NO_ANSWER : CallRecord.Disposition.ANSWERED,
        waiting ? cause + " (waiting in queue " + call.queue.queue + ")" : cause + IvrCalls.endedIn(call) + QueueCalls.endedIn(call));
  }

}
