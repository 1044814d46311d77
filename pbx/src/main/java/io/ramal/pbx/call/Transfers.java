package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.CallMedia.Wiring;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.ControlOutcome.Reason;
import io.ramal.pbx.media.HoldOrigin;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transport.Peer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfers and consultations of answered calls, on the call's shard. Each one calls a new leg
 * ({@link LegDialer}) with an offer from the call's media and, when it answers, puts it in the
 * place of the transferring party's leg: the remaining party keeps its own dialog and hears the
 * new one without being re-INVITEd (the media is anchored here). The CTI layer hears of every
 * step through the {@link CallObserver}.
 *
 * <ul>
 *   <li>Blind transfer through the API: the transferring party gets a BYE at once; the other
 *       hears music until the target answers, and is hung up if it does not.
 *   <li>REFER from a phone (RFC 3515, without Replaces): 202, then NOTIFYs with the target's
 *       progress as message/sipfrag; on failure the phones talk again (RFC 5589 §6). A REFER with
 *       Replaces (the phone's own attended transfer) is {@link ReplacesJoin}'s.
 *   <li>Consultation: the consulting party holds the call (the other hears music) and talks
 *       with the consulted party; complete joins the held party with the consulted one, cancel
 *       (or the consulted party hanging up or not answering) returns to the held call; the
 *       consulting party hanging up while the consulted one talks completes the transfer.
 * </ul>
 */
final class Transfers {
  private static final Logger log = LoggerFactory.getLogger(Transfers.class);
  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final CallObserver observer;
  private final CallRecordSink records;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;
  private final DialPlan plan;

  Transfers(SipContext sip, LocationService location, B2bua b2bua, CallObserver observer, CallRecordSink records,
      InstantSource clock, Duration noAnswerTimeout, DialPlan plan) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.observer = observer;
    this.records = records;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
    this.plan = plan;
  }

  // ---- starting ----

  /** Carries out {@code command} on the answered {@code call}, for the party it names. */
  ControlOutcome carryOut(Call call, TransferCommand command) {
    Optional<Side> side = PartyCommands.sideOf(call, command.party());
    if (side.isEmpty()) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + command.party() + "' is not a party of call " + call.id);
    }
    return switch (command) {
      case TransferCommand.Blind b -> blind(call, side.get(), b.target(), b.destination());
      case TransferCommand.Consult c -> consult(call, side.get(), c.target(), c.destination());
      case TransferCommand.Complete c -> complete(call, c.consultCallId());
      case TransferCommand.Cancel c -> cancel(call, c.consultCallId());
    };
  }

  /** Blind transfer by the party on {@code side} (through the API) to {@code destination}. */
  ControlOutcome blind(Call call, Side side, String target, Destination destination) {
    Optional<ControlOutcome> refused = refusal(call, destination, target);
    if (refused.isPresent()) return refused.get();
    Transfer t = new Transfer(Transfer.Kind.BLIND, side, party(call, side), target, external(destination),
        direction(call, destination), Optional.empty(), clock.instant(), call.leg(side));
    Optional<byte[]> offer = open(call, t);
    if (offer.isEmpty()) return ControlOutcome.refused(Reason.INVALID_STATE, "no media for a new leg");
    call.transfer = t;
    call.media.rewire(Wiring.WAITING);
    Leg leaving = call.leg(side);
    leaving.departed = true;
    b2bua.byeAndForget(leaving);
    report(() -> observer.transferred(tenant(call), call.id, side == Side.CALLER, target, t.external, Optional.empty(),
        t.startedAt));
    dial(call, t, offer.get());
    log.info("event=transfer_started call={} tenant={} kind=blind side={} target={}", call.id, tenant(call), side, target);
    return ControlOutcome.DONE;
  }

  /** A REFER from the phone of {@code leg}: a blind transfer the phone follows by NOTIFY. */
  void refer(Call call, Leg leg, ServerTransaction tx) {
    SipRequest req = tx.request();
    Optional<String> referTo = req.headers().first("Refer-To").or(() -> req.headers().first("r"));
    SipUri uri;
    try {
      uri = referTo.map(Address::parse).map(Address::uri).filter(SipUri.class::isInstance).map(SipUri.class::cast)
          .orElse(null);
    } catch (RuntimeException e) {
      uri = null;
    }
    if (uri == null || uri.userDecoded().isEmpty()) {
      tx.respond(SipResponse.to(req, 400).withReason("Bad Request (Refer-To must be a SIP URI with a user part)"));
      return;
    }
    String target = uri.userDecoded();
    Destination destination = plan.route(tenant(call), target);
    Optional<ControlOutcome> refused = refusal(call, destination, target);
    if (refused.isPresent()) {
      tx.respond(SipResponse.to(req, destination instanceof Destination.Unroutable u ? u.status() : 403)
          .withReason(((ControlOutcome.Refused) refused.get()).message()));
      return;
    }
    Side side = leg.side();
    Transfer t = new Transfer(Transfer.Kind.REFER, side, party(call, side), target, external(destination),
        direction(call, destination), Optional.empty(), clock.instant(), leg);
    Optional<byte[]> offer = open(call, t);
    if (offer.isEmpty()) {
      tx.respond(SipResponse.to(req, 503).withReason("Service Unavailable (no media for the transfer target)"));
      return;
    }
    SipResponse accepted = SipResponse.to(req, 202).withReason("Accepted");
    tx.respond(accepted.withHeaders(accepted.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(leg.peer).toString()).build()));
    call.transfer = t;
    call.media.rewire(Wiring.WAITING);
    notifyReferrer(t, 100, "Trying");
    dial(call, t, offer.get());
    log.info("event=transfer_started call={} tenant={} kind=refer side={} target={}", call.id, tenant(call), side, target);
  }

  /** A consultation from the party on {@code side} with {@code destination}; its call id, or why not. */
  ControlOutcome consult(Call call, Side side, String target, Destination destination) {
    Optional<ControlOutcome> refused = refusal(call, destination, target);
    if (refused.isPresent()) return refused.get();
    String consultId = sip.ids().callId();
    Transfer t = new Transfer(Transfer.Kind.CONSULTATION, side, party(call, side), target, external(destination),
        direction(call, destination), Optional.of(consultId), clock.instant(), call.leg(side));
    Optional<byte[]> offer = open(call, t);
    if (offer.isEmpty()) return ControlOutcome.refused(Reason.INVALID_STATE, "no media for a new leg");
    call.transfer = t;
    call.media.rewire(Wiring.CONSULTING);
    t.heldByConsultation = true;
    report(() -> observer.holdChanged(tenant(call), call.id, side == Side.CALLER, true, HoldOrigin.SERVER, t.startedAt));
    report(() -> observer.consultationStarted(tenant(call), call.id, consultId, side == Side.CALLER, t.transferor, target,
        t.direction, t.startedAt));
    dial(call, t, offer.get());
    log.info("event=consultation_started call={} consultation={} tenant={} side={} target={}", call.id, consultId,
        tenant(call), side, target);
    return new ControlOutcome.Started(consultId);
  }

  private Optional<ControlOutcome> refusal(Call call, Destination destination, String target) {
    if (call.state != Call.State.CONFIRMED && call.state != Call.State.ANSWERED) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is not answered"));
    }
    if (call.transfer != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id
          + " already has a transfer or consultation under way"));
    }
    if (call.conference != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id
          + " is a conference: add or drop participants instead"));
    }
    if (destination instanceof Destination.Unroutable u) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, target + " cannot be reached: " + u.status() + " "
          + u.reason()));
    }
    if (target.equals(call.callerParty) || target.equals(call.calleeParty)) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, target + " is already a party of call " + call.id));
    }
    return Optional.empty();
  }

  private Optional<byte[]> open(Call call, Transfer t) {
    return switch (call.media.openNewLeg(t.side)) {
      case Outcome.Forward f -> Optional.of(f.body());
      case Outcome.AnswerLocally a -> Optional.empty();
      case Outcome.Refuse r -> Optional.empty();
    };
  }

  private void dial(Call call, Transfer t, byte[] offer) {
    String tenant = tenant(call);
    String callerSide = t.kind == Transfer.Kind.CONSULTATION ? t.transferor : party(call, t.side.other());
    report(() -> observer.newLegCalled(tenant, call.id, t.side == Side.CALLER, t.target, t.external, clock.instant()));
    LegDialer.Identity from = new LegDialer.Identity(callerSide, "", call.origin.domain());
    t.dialer = LegDialer.dial(sip, location, from, plan.route(tenant, t.target), offer, noAnswerTimeout, Headers.EMPTY,
        new LegDialer.Listener() {
          @Override
          public void alerting() {
            if (call.transfer != t) return;
            report(() -> observer.newLegAlerting(tenant, call.id, clock.instant()));
            if (t.kind == Transfer.Kind.REFER) notifyReferrer(t, 180, "Ringing");
          }

          @Override
          public Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok) {
            if (call.transfer != t || call.state == Call.State.ENDED) {
              return Optional.of(new Outcome.Refuse(487, "Request Terminated"));
            }
            if (call.media.newLegAnswered(ok.body()) instanceof Outcome.Refuse r) return Optional.of(r);
            newLegAnswered(call, t, new Leg(call, t.side == Side.CALLER, dialog, peer));
            return Optional.empty();
          }

          @Override
          public void failed(int status, String reason) {
            if (call.transfer == t) newLegFailed(call, t, status, reason);
          }
        });
  }

  // ---- the new leg's outcome ----

  private void newLegAnswered(Call call, Transfer t, Leg leg) {
    t.newLeg = leg;
    t.answeredAt = clock.instant();
    b2bua.track(leg);
    if (t.kind == Transfer.Kind.CONSULTATION) {
      report(() -> observer.newLegAnswered(tenant(call), call.id, t.answeredAt));
      return;
    }
    if (t.kind == Transfer.Kind.REFER) {
      report(() -> observer.transferred(tenant(call), call.id, t.side == Side.CALLER, t.target, t.external,
          Optional.empty(), t.answeredAt));
      notifyReferrer(t, 200, "OK");
      t.transferorLeg.departed = true;
      b2bua.byeAndForget(t.transferorLeg);
    }
    replace(call, t, leg);
    report(() -> observer.newLegAnswered(tenant(call), call.id, t.answeredAt));
    log.info("event=transfer_completed call={} tenant={} target={}", call.id, tenant(call), t.target);
  }

  /** The new leg takes its side's place in the call, signalling and media. */
  private void replace(Call call, Transfer t, Leg leg) {
    call.transfer = null;
    call.media.rewire(Wiring.REPLACED);
    if (t.side == Side.CALLER) {
      call.callerLeg = leg;
      call.callerParty = t.target;
    } else {
      call.calleeLeg = leg;
      call.calleeParty = t.target;
    }
  }

  private void newLegFailed(Call call, Transfer t, int status, String reason) {
    call.transfer = null;
    CallRecord.Disposition disposition = disposition(status);
    String cause = status + " " + reason;
    report(() -> observer.newLegFailed(tenant(call), call.id, disposition, cause, clock.instant()));
    log.info("event=transfer_failed call={} tenant={} kind={} target={} cause=\"{}\"", call.id, tenant(call),
        t.kind.name().toLowerCase(java.util.Locale.ROOT), t.target, cause);
    switch (t.kind) {
      case BLIND -> b2bua.hangUp(call, "transfer to " + t.target + " failed: " + cause);
      case REFER -> {
        notifyReferrer(t, status, reason);
        call.media.rewire(Wiring.ABANDONED);
      }
      case CONSULTATION -> endConsultation(call, t, disposition, "consulted party: " + cause);
    }
  }

  // ---- consultation: complete, cancel ----

  ControlOutcome complete(Call call, String consultId) {
    Transfer t = call.transfer;
    if (t == null || !t.consultCallId.equals(Optional.of(consultId))) {
      return ControlOutcome.refused(Reason.NO_SUCH_CALL, "call " + call.id + " has no consultation " + consultId);
    }
    if (t.newLeg == null) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "consultation " + consultId + " has not been answered yet");
    }
    Instant at = clock.instant();
    Leg leaving = call.leg(t.side);
    report(() -> observer.transferred(tenant(call), call.id, t.side == Side.CALLER, t.target, t.external,
        t.consultCallId, at));
    leaving.departed = true;
    b2bua.byeAndForget(leaving);
    replace(call, t, t.newLeg);
    recordConsultation(call, t, CallRecord.Disposition.ANSWERED, "transferred", at);
    log.info("event=transfer_completed call={} consultation={} tenant={} target={}", call.id, consultId, tenant(call),
        t.target);
    return ControlOutcome.DONE;
  }

  ControlOutcome cancel(Call call, String consultId) {
    Transfer t = call.transfer;
    if (t == null || !t.consultCallId.equals(Optional.of(consultId))) {
      return ControlOutcome.refused(Reason.NO_SUCH_CALL, "call " + call.id + " has no consultation " + consultId);
    }
    if (t.newLeg == null) {
      t.dialer.cancel();
      report(() -> observer.newLegFailed(tenant(call), call.id, CallRecord.Disposition.CANCELLED, "487 Request Terminated",
          clock.instant()));
    } else {
      b2bua.byeAndForget(t.newLeg);
    }
    endConsultation(call, t, t.newLeg == null ? CallRecord.Disposition.CANCELLED : CallRecord.Disposition.ANSWERED,
        "cancelled");
    return ControlOutcome.DONE;
  }

  /** Back to the held call: the consultation's legs are gone, the call is retrieved. */
  private void endConsultation(Call call, Transfer t, CallRecord.Disposition disposition, String cause) {
    call.transfer = null;
    Instant at = clock.instant();
    call.media.rewire(Wiring.ABANDONED);
    report(() -> observer.consultationEnded(tenant(call), call.id, t.consultCallId.orElseThrow(), disposition, cause, at));
    if (t.heldByConsultation) {
      report(() -> observer.holdChanged(tenant(call), call.id, t.side == Side.CALLER, false, HoldOrigin.SERVER, at));
    }
    recordConsultation(call, t, disposition, cause, at);
    log.info("event=consultation_ended call={} consultation={} tenant={} cause=\"{}\"", call.id, t.consultCallId.get(),
        tenant(call), cause);
  }

  void recordConsultation(Call call, Transfer t, CallRecord.Disposition disposition, String cause, Instant at) {
    Leg consulting = t.transferorLeg;
    CallRecord r = new CallRecord(t.consultCallId.orElseThrow(), tenant(call), consulting.dialog.id().callId(),
        t.transferor, t.target, t.direction, t.startedAt, Optional.ofNullable(t.answeredAt), at, disposition, cause);
    try {
      records.record(r);
    } catch (RuntimeException e) {
      log.error("event=cdr_write_failed call={}", r.id(), e);
    }
  }

  // ---- requests and ends ----

  /**
   * A request on a leg that is not one of the call's two sides: the new leg of a consultation,
   * or the dialog of a party that transferred. A BYE is answered and ends that leg's part.
   */
  void onSideLegRequest(ServerTransaction tx, Leg leg) {
    SipRequest req = tx.request();
    Call call = leg.call;
    Transfer t = call.transfer;
    if (req.isMethod("BYE")) {
      tx.respond(SipResponse.to(req, 200));
      b2bua.forget(leg);
      if (t != null && t.newLeg == leg) {
        // The consulted party hung up: back to the held call.
        endConsultation(call, t, CallRecord.Disposition.ANSWERED, "consulted party hung up");
      } else if (t != null && t.kind == Transfer.Kind.REFER && t.transferorLeg == leg) {
        t.transferorLeg.departed = true; // the referrer left before the target answered; the transfer goes on
      }
      return;
    }
    if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      tx.respond(SipResponse.to(req, 491).withReason("Request Pending (a transfer is under way)"));
      return;
    }
    tx.respond(SipResponse.to(req, 200));
  }

  /**
   * The consulting party hung up (BYE on its leg, which is a side of the call): with the consulted
   * party talking, that completes the transfer (true); otherwise the consultation is abandoned
   * and the caller of this method ends the call as usual (false).
   */
  boolean consultingPartyLeft(Call call, Leg leg) {
    Transfer t = call.transfer;
    if (t == null || t.kind != Transfer.Kind.CONSULTATION || t.transferorLeg != leg) return false;
    if (t.newLeg == null) return false;
    leg.departed = true;
    Instant at = clock.instant();
    report(() -> observer.transferred(tenant(call), call.id, t.side == Side.CALLER, t.target, t.external,
        t.consultCallId, at));
    b2bua.forget(leg);
    replace(call, t, t.newLeg);
    recordConsultation(call, t, CallRecord.Disposition.ANSWERED, "transferred (consulting party hung up)", at);
    return true;
  }

  /** The call ended with a transfer under way: the new leg is cancelled or hung up, and said so. */
  void callEnded(Call call, String cause) {
    Transfer t = call.transfer;
    if (t == null) return;
    call.transfer = null;
    Instant at = clock.instant();
    if (t.kind == Transfer.Kind.REFER_REPLACES) { // the joining party, if handed over, is let go by ReplacesJoin
      notifyReferrer(t, 487, "Request Terminated");
      return;
    }
    if (t.newLeg == null) {
      if (t.dialer != null) t.dialer.cancel();
      report(() -> observer.newLegFailed(tenant(call), call.id, CallRecord.Disposition.CANCELLED, "487 Request Terminated",
          at));
    } else {
      b2bua.byeAndForget(t.newLeg);
    }
    if (t.kind == Transfer.Kind.REFER) notifyReferrer(t, 487, "Request Terminated");
    if (t.kind == Transfer.Kind.CONSULTATION) {
      CallRecord.Disposition d = t.newLeg == null ? CallRecord.Disposition.CANCELLED : CallRecord.Disposition.ANSWERED;
      report(() -> observer.consultationEnded(tenant(call), call.id, t.consultCallId.orElseThrow(), d, cause, at));
      recordConsultation(call, t, d, cause, at);
    }
  }

  /** RFC 3515 §2.4.5: the target's progress as a sipfrag in a NOTIFY of the implicit subscription. */
  void notifyReferrer(Transfer t, int status, String reason) {
    Leg leg = t.transferorLeg;
    if (t.referTerminated || b2bua.isForgotten(leg)) return;
    boolean last = status >= 200;
    t.referTerminated = last;
    SipRequest notify = leg.dialog.newRequest("NOTIFY", sip.viaFor(leg.peer), 70);
    Headers h = notify.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(leg.peer).toString())
        .add("Event", "refer")
        .add("Subscription-State", last ? "terminated;reason=noresource" : "active;expires=60").build();
    byte[] frag = ("SIP/2.0 " + status + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
    sip.layer().send(notify.withHeaders(h).withBody("message/sipfrag;version=2.0", frag), leg.peer, InDialogRelay.IGNORE);
  }

  static CallRecord.Disposition disposition(int status) {
    return switch (status) {
      case 486, 600 -> CallRecord.Disposition.BUSY;
      case 408, 480, 487 -> CallRecord.Disposition.NO_ANSWER;
      default -> CallRecord.Disposition.FAILED;
    };
  }

  private static boolean external(Destination d) {
    return d instanceof Destination.ToTrunk;
  }

  private static CallRecord.Direction direction(Call call, Destination d) {
    return d instanceof Destination.ToTrunk ? CallRecord.Direction.OUTBOUND : CallRecord.Direction.INTERNAL;
  }

  private static String party(Call call, Side side) {
    return side == Side.CALLER ? call.callerParty : call.calleeParty;
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }

  private static void report(Runnable r) {
    CallReports.observe(r);
  }
}
