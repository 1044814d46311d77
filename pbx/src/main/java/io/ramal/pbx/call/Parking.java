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
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Park and pickup of the answered calls of one shard (docs/adr/0006-park-and-cross-call-joins.md).
 * Parking releases the parking party's leg and gives the other party music on hold in a numbered
 * slot of the {@link ParkingLot}; the media keeps a new leg ready for whoever takes the call back:
 * an extension rung through the API ({@link LegDialer}, as a blind transfer's target), a phone
 * dialling the slot (its INVITE answered here, whichever shard received it), or the parker's own
 * device when the park timeout passes (and if nobody answers that, the call is released).
 */
public final class Parking {
  private static final Logger log = LoggerFactory.getLogger(Parking.class);
  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final CallObserver observer;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;
  private final DialPlan plan;
  private final ParkingLot lot;
  private final CallIdPins pins;

  Parking(SipContext sip, LocationService location, B2bua b2bua, CallObserver observer, InstantSource clock,
      Duration noAnswerTimeout, DialPlan plan, ParkingLot lot, CallIdPins pins) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.observer = observer;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
    this.plan = plan;
    this.lot = lot;
    this.pins = pins;
  }

  public ParkingLot lot() {
    return lot;
  }

  /** Parks call {@code callId} of {@code tenant} for {@code party}; Started carries the slot. Empty: not on this shard. */
  public Optional<ControlOutcome> park(String tenant, String callId, String party) {
    return b2bua.liveCall(tenant, callId).map(call -> park(call, party));
  }

  private ControlOutcome park(Call call, String party) {
    Optional<Side> side = PartyCommands.sideOf(call, party);
    if (side.isEmpty()) return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + party + "' is not a party of call " + call.id);
    Optional<ControlOutcome> refused = refusal(call);
    if (refused.isPresent()) return refused.get();
    Side parkerSide = side.get();
    String parked = parkerSide == Side.CALLER ? call.calleeParty : call.callerParty;
    Optional<ParkingLot.Slot> slot = lot.reserve(tenant(call), call.id, parked, party, sip.shard().index());
    if (slot.isEmpty()) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "every park slot (" + lot.settings().first() + "–"
          + lot.settings().last() + ") is taken");
    }
    byte[] offer;
    switch (call.media.openNewLeg(parkerSide)) {
      case Outcome.Forward f -> offer = f.body();
      default -> {
        lot.release(tenant(call), slot.get().number(), call.id);
        return ControlOutcome.refused(Reason.NOT_ANCHORED, "parking needs the call's media anchored on Ramal");
      }
    }
    Park p = new Park(slot.get(), parkerSide, offer);
    call.park = p;
    call.media.rewire(Wiring.WAITING);
    Leg leaving = call.leg(parkerSide);
    leaving.departed = true;
    b2bua.byeAndForget(leaving);
    Instant at = clock.instant();
    report(() -> observer.transferred(tenant(call), call.id, parkerSide == Side.CALLER, p.slot.number(), false,
        Optional.empty(), at));
    report(() -> observer.holdChanged(tenant(call), call.id, parkerSide != Side.CALLER, true, HoldOrigin.SERVER, at));
    report(() -> observer.parked(tenant(call), call.id, p.slot.number(), parked, party, at));
    p.timer = sip.shard().schedule(Duration.between(at, p.slot.deadline()), () -> timedOut(call, p));
    log.info("event=call_parked call={} tenant={} slot={} parked={} parker={}", call.id, tenant(call),
        p.slot.number(), parked, party);
    return new ControlOutcome.Started(p.slot.number());
  }

  private Optional<ControlOutcome> refusal(Call call) {
    if (call.state != Call.State.CONFIRMED && call.state != Call.State.ANSWERED) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is not answered"));
    }
    if (call.park != null) return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is parked"));
    if (IvrCalls.inMenu(call)) return Optional.of(IvrCalls.refusedInMenu(call));
    if (call.transfer != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id
          + " has a transfer or consultation under way"));
    }
    if (call.conference != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is a conference"));
    }
    return Optional.empty();
  }

  /** Rings {@code device} to take the call parked in {@code slot} back; empty: the call is not on this shard. */
  public Optional<ControlOutcome> pickup(String tenant, String slot, String device) {
    Optional<ParkingLot.Slot> parked = lot.find(tenant, slot);
    if (parked.isEmpty()) return Optional.of(ControlOutcome.refused(Reason.NO_SUCH_CALL, "no call is parked in " + slot));
    Optional<Call> live = b2bua.liveCall(tenant, parked.get().callId());
    if (live.isEmpty()) return Optional.empty();
    Call call = live.get();
    Park p = call.park;
    if (p == null || !p.slot.number().equals(slot)) {
      return Optional.of(ControlOutcome.refused(Reason.NO_SUCH_CALL, "no call is parked in " + slot));
    }
    if (p.dialer != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "the call in " + slot + " is already ringing "
          + p.ringingTarget));
    }
    if (!(plan.route(tenant, device) instanceof Destination.ToExtension)) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, device + " is not an extension"));
    }
    if (location.lookup(new io.ramal.pbx.registrar.AddressOfRecord(tenant, device)).isEmpty()) {
      return Optional.of(ControlOutcome.refused(Reason.NOT_SUPPORTED_BY_DEVICE, "extension " + device
          + " has no registered phone"));
    }
    ring(call, p, device, Park.Ringing.PICKUP);
    return Optional.of(new ControlOutcome.Started(call.id));
  }

  private void timedOut(Call call, Park p) {
    if (call.park != p || call.state == Call.State.ENDED) return;
    if (p.dialer != null) {
      if (p.ringing == Park.Ringing.RING_BACK) return;
      p.dialer.cancel();
      p.dialer = null;
      report(() -> observer.newLegFailed(tenant(call), call.id, CallRecord.Disposition.CANCELLED,
          "487 Request Terminated (park timeout)", clock.instant()));
    }
    log.info("event=park_timeout call={} tenant={} slot={} parker={}", call.id, tenant(call), p.slot.number(),
        p.slot.parker());
    ring(call, p, p.slot.parker(), Park.Ringing.RING_BACK);
  }

  private void ring(Call call, Park p, String target, Park.Ringing why) {
    String tenant = tenant(call);
    p.ringing = why;
    p.ringingTarget = target;
    report(() -> observer.newLegCalled(tenant, call.id, p.side == Side.CALLER, target, false, clock.instant()));
    LegDialer.Identity from = new LegDialer.Identity(p.slot.parked(), "", call.origin.domain());
    p.dialer = LegDialer.dial(sip, location, from, plan.route(tenant, target), p.offer, noAnswerTimeout, Headers.EMPTY,
        new LegDialer.Listener() {
          @Override
          public void alerting() {
            if (call.park == p) report(() -> observer.newLegAlerting(tenant, call.id, clock.instant()));
          }

          @Override
          public Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok) {
            if (call.park != p || call.state == Call.State.ENDED) return Optional.of(new Outcome.Refuse(487,
                "Request Terminated"));
            if (call.media.newLegAnswered(ok.body()) instanceof Outcome.Refuse r) return Optional.of(r);
            p.dialer = null;
            joined(call, p, new Leg(call, p.side == Side.CALLER, dialog, peer), target);
            return Optional.empty();
          }

          @Override
          public void failed(int status, String reason) {
            if (call.park != p) return;
            p.dialer = null;
            String cause = status + " " + reason;
            report(() -> observer.newLegFailed(tenant, call.id, Transfers.disposition(status), cause, clock.instant()));
            if (why == Park.Ringing.RING_BACK) {
              log.info("event=park_ring_back_failed call={} tenant={} cause=\"{}\"", call.id, tenant, cause);
              b2bua.hangUp(call, "parked call not taken back: " + cause);
            }
          }
        });
  }

  /** The new leg takes the parker's side: the call is no longer parked. */
  private void joined(Call call, Park p, Leg leg, String party) {
    p.timer.cancel();
    call.park = null;
    lot.release(tenant(call), p.slot.number(), call.id);
    b2bua.track(leg);
    call.media.rewire(Wiring.REPLACED);
    if (p.side == Side.CALLER) {
      call.callerLeg = leg;
      call.callerParty = party;
    } else {
      call.calleeLeg = leg;
      call.calleeParty = party;
    }
    Instant at = clock.instant();
    String tenant = tenant(call);
    report(() -> observer.newLegAnswered(tenant, call.id, at));
    report(() -> observer.holdChanged(tenant, call.id, p.side != Side.CALLER, false, HoldOrigin.SERVER, at));
    report(() -> observer.pickedUp(tenant, call.id, p.slot.number(), party, p.ringing == Park.Ringing.RING_BACK, at));
    log.info("event=call_picked_up call={} tenant={} slot={} by={}", call.id, tenant, p.slot.number(), party);
  }

  /**
   * A phone of {@code tenant} ({@code device}) dialled {@code slot}: its INVITE (received on any
   * shard, which keeps the transaction) joins the call parked there, on this shard. Returns the
   * final response to send: 200 with our answer, or why not. The caller pins the Call-ID here.
   */
  public SipResponse joinByInvite(String tenant, String slot, SipRequest invite, Peer peer, String device, String toTag) {
    Optional<ParkingLot.Slot> parked = lot.find(tenant, slot);
    Optional<Call> live = parked.flatMap(s -> b2bua.liveCall(tenant, s.callId()));
    Park p = live.map(c -> c.park).orElse(null);
    if (p == null || !p.slot.number().equals(slot)) {
      return SipResponse.to(invite, 404, toTag).withReason("Not Found (no call parked in " + slot + ")");
    }
    Call call = live.get();
    if (invite.body().length == 0) {
      return SipResponse.to(invite, 488, toTag).withReason("Not Acceptable Here (pickup needs an SDP offer)");
    }
    if (p.dialer != null) {
      p.dialer.cancel();
      p.dialer = null;
      report(() -> observer.newLegFailed(tenant, call.id, CallRecord.Disposition.CANCELLED,
          "487 Request Terminated (picked up by " + device + ")", clock.instant()));
    }
    byte[] answer;
    switch (call.media.newLegOffered(invite.body())) {
      case Outcome.AnswerLocally a -> answer = a.body();
      case Outcome.Refuse r -> {
        return SipResponse.to(invite, r.status(), toTag).withReason(r.reason());
      }
      case Outcome.Forward f -> {
        return SipResponse.to(invite, 488, toTag).withReason("Not Acceptable Here");
      }
    }
    SipResponse ok = SipResponse.to(invite, 200, toTag);
    ok = ok.withHeaders(ok.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(peer).toString())
        .add(HeaderNames.ALLOW, SipContext.ALLOW)
        .add(HeaderNames.SERVER, sip.userAgent()).build()).withBody("application/sdp", answer);
    Leg leg = new Leg(call, p.side == Side.CALLER, Dialog.asUas(invite, ok), peer);
    p.ringing = Park.Ringing.PICKUP;
    report(() -> observer.newLegCalled(tenant, call.id, p.side == Side.CALLER, device, false, clock.instant()));
    joined(call, p, leg, device);
    return ok;
  }

  /** A request from the parked party while nobody is on the other side: answered here. */
  void onParkedPartyRequest(ServerTransaction tx, Leg leg) {
    SipRequest req = tx.request();
    if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      switch (leg.call.media.reoffer(leg.side(), req.body())) {
        case Outcome.AnswerLocally a -> {
          SipResponse ok = SipResponse.to(req, 200);
          ok = ok.withHeaders(ok.headers().toBuilder().add(HeaderNames.CONTACT, sip.contactFor(leg.peer).toString()).build());
          tx.respond(a.body().length > 0 ? ok.withBody("application/sdp", a.body()) : ok);
        }
        case Outcome.Refuse r -> tx.respond(SipResponse.to(req, r.status()).withReason(r.reason()));
        case Outcome.Forward f -> tx.respond(SipResponse.to(req, 491).withReason("Request Pending (the call is parked)"));
      }
      return;
    }
    if (req.isMethod("REFER")) {
      tx.respond(SipResponse.to(req, 403).withReason("Forbidden (the call is parked)"));
      return;
    }
    tx.respond(SipResponse.to(req, 200));
  }

  /** The call ended: a parked call leaves its slot, a ringing leg is cancelled, pinned Call-IDs are dropped. */
  void callEnded(Call call) {
    Park p = call.park;
    if (p != null) {
      call.park = null;
      p.timer.cancel();
      if (p.dialer != null) {
        p.dialer.cancel();
        p.dialer = null;
      }
      lot.release(tenant(call), p.slot.number(), call.id);
    }
    if (call.callerLeg != null) pins.unpin(call.callerLeg.dialog.id().callId());
    if (call.calleeLeg != null) pins.unpin(call.calleeLeg.dialog.id().callId());
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }

  private static void report(Runnable r) {
    CallReports.observe(r);
  }
}
