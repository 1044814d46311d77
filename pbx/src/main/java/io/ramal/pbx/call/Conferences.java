package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.CallMedia.Wiring;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.ControlOutcome.Reason;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
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
 * Ad-hoc conferences of answered calls, on the call's shard. A call becomes a conference when a
 * party joins its answered consultation with the held call ({@link ConferenceCommand.Merge}, the
 * EPBX {@code conferenciaIniciar} after {@code conferenciaAdicionar}) or when a participant called
 * into it answers ({@link ConferenceCommand.Add}). Its media is then mixed: everyone hears
 * everyone else. The two sides of the call stay its caller and callee legs; further participants
 * are kept in its {@link Conference}. When a side's party hangs up, the eldest participant takes
 * that side; when only two parties are left the call is a plain two-party call again.
 */
final class Conferences {
  private static final Logger log = LoggerFactory.getLogger(Conferences.class);
  /** Parties a conference may hold, the two sides included. */
  static final int MAX_PARTIES = 8;

  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final Transfers transfers;
  private final CallObserver observer;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;

  Conferences(SipContext sip, LocationService location, B2bua b2bua, Transfers transfers, CallObserver observer,
      InstantSource clock, Duration noAnswerTimeout) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.transfers = transfers;
    this.observer = observer;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
  }

  ControlOutcome carryOut(Call call, ConferenceCommand command) {
    if (call.state != Call.State.CONFIRMED && call.state != Call.State.ANSWERED) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is not answered");
    }
    return switch (command) {
      case ConferenceCommand.Merge m -> merge(call, m);
      case ConferenceCommand.Add a -> add(call, a);
      case ConferenceCommand.Drop d -> drop(call, d.party());
    };
  }

  // ---- joining ----

  private ControlOutcome merge(Call call, ConferenceCommand.Merge m) {
    Transfer t = call.transfer;
    if (t == null || t.kind != Transfer.Kind.CONSULTATION
        || m.consultCallId().isPresent() && !t.consultCallId.equals(m.consultCallId())) {
      return ControlOutcome.refused(Reason.NO_SUCH_CALL, "call " + call.id + " has no consultation "
          + m.consultCallId().orElse("under way"));
    }
    if (!t.transferor.equals(m.party())) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + m.party() + "' is not the consulting party of call "
          + call.id);
    }
    if (t.newLeg == null) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "consultation " + t.consultCallId.orElseThrow()
          + " has not been answered yet");
    }
    Conference conference = call.conference != null ? call.conference : new Conference();
    String key = conference.nextKey();
    ControlOutcome mixed = call.media.conference(key);
    if (!(mixed instanceof ControlOutcome.Done)) return mixed;
    call.conference = conference;
    call.transfer = null;
    conference.add(new Conference.Participant(key, t.newLeg, t.target));
    Instant at = clock.instant();
    report(() -> observer.conferenced(tenant(call), call.id, t.side == Side.CALLER, key, t.consultCallId, at));
    transfers.recordConsultation(call, t, CallRecord.Disposition.ANSWERED, "conferenced", at);
    log.info("event=conference_merged call={} consultation={} tenant={} parties={}", call.id, t.consultCallId.get(),
        tenant(call), conference.size() + 2);
    return ControlOutcome.DONE;
  }

  private ControlOutcome add(Call call, ConferenceCommand.Add a) {
    Optional<Side> side = PartyCommands.sideOf(call, a.party());
    if (side.isEmpty() && (call.conference == null || call.conference.byParty(a.party()).isEmpty())) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + a.party() + "' is not a party of call " + call.id);
    }
    Optional<ControlOutcome> refused = refusal(call, a);
    if (refused.isPresent()) return refused.get();
    byte[] offer;
    switch (call.media.openNewLeg(Side.CALLEE)) {
      case Outcome.Forward f -> offer = f.body();
      default -> {
        return ControlOutcome.refused(Reason.NOT_ANCHORED, "no media for a new participant");
      }
    }
    call.media.rewire(Wiring.JOINING);
    Conference conference = call.conference != null ? call.conference : new Conference();
    call.conference = conference;
    boolean external = a.destination() instanceof Destination.ToTrunk;
    boolean byCaller = side.map(s -> s == Side.CALLER).orElse(false);
    String tenant = tenant(call);
    report(() -> observer.newLegCalled(tenant, call.id, false, a.target(), external, clock.instant()));
    LegDialer[] self = new LegDialer[1];
    LegDialer.Identity from = new LegDialer.Identity(a.party(), "", call.origin.domain());
    self[0] = LegDialer.dial(sip, location, from, a.destination(), offer, noAnswerTimeout, Headers.EMPTY,
        new LegDialer.Listener() {
          @Override
          public void alerting() {
            if (conference.joining == self[0]) report(() -> observer.newLegAlerting(tenant, call.id, clock.instant()));
          }

          @Override
          public Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok) {
            if (conference.joining != self[0] || call.state == Call.State.ENDED) {
              return Optional.of(new Outcome.Refuse(487, "Request Terminated"));
            }
            if (call.media.newLegAnswered(ok.body()) instanceof Outcome.Refuse r) return Optional.of(r);
            String key = conference.nextKey();
            if (!(call.media.conference(key) instanceof ControlOutcome.Done)) {
              return Optional.of(new Outcome.Refuse(500, "Server Internal Error (the conference could not be mixed)"));
            }
            conference.joining = null;
            Leg leg = new Leg(call, false, dialog, peer);
            b2bua.track(leg);
            conference.add(new Conference.Participant(key, leg, a.target()));
            Instant at = clock.instant();
            report(() -> observer.conferenced(tenant, call.id, byCaller, key, Optional.empty(), at));
            log.info("event=conference_joined call={} tenant={} participant={} parties={}", call.id, tenant, a.target(),
                conference.size() + 2);
            return Optional.empty();
          }

          @Override
          public void failed(int status, String reason) {
            if (conference.joining != self[0]) return;
            conference.joining = null;
            call.media.rewire(Wiring.ABANDONED);
            if (conference.over()) call.conference = null;
            String cause = status + " " + reason;
            report(() -> observer.newLegFailed(tenant, call.id, Transfers.disposition(status), cause, clock.instant()));
            log.info("event=conference_join_failed call={} tenant={} participant={} cause=\"{}\"", call.id, tenant,
                a.target(), cause);
          }
        });
    conference.joining = self[0];
    log.info("event=conference_calling call={} tenant={} participant={}", call.id, tenant, a.target());
    return ControlOutcome.DONE;
  }

  private static Optional<ControlOutcome> refusal(Call call, ConferenceCommand.Add a) {
    if (call.transfer != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id
          + " has a transfer or consultation under way"));
    }
    Conference conference = call.conference;
    if (conference != null && conference.joining != null) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "another participant is being called into call "
          + call.id));
    }
    if (conference != null && conference.size() + 2 >= MAX_PARTIES) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " has " + MAX_PARTIES
          + " parties, the most a conference may hold"));
    }
    if (a.destination() instanceof Destination.Unroutable u) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, a.target() + " cannot be reached: "
          + u.status() + " " + u.reason()));
    }
    if (isParty(call, a.target())) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, a.target() + " is already a party of call "
          + call.id));
    }
    return Optional.empty();
  }

  static boolean isParty(Call call, String number) {
    return number.equals(call.callerParty) || number.equals(call.calleeParty)
        || call.conference != null && call.conference.byParty(number).isPresent();
  }

  // ---- leaving ----

  /** Hangs up {@code party}: a participant leaves, a side is taken over; a two-party call ends. */
  private ControlOutcome drop(Call call, String party) {
    Conference conference = call.conference;
    Optional<Conference.Participant> extra = conference == null ? Optional.empty() : conference.byParty(party);
    if (extra.isPresent()) {
      b2bua.byeAndForget(extra.get().leg());
      participantLeft(call, extra.get(), "hung up through the API");
      return ControlOutcome.DONE;
    }
    Optional<Side> side = PartyCommands.sideOf(call, party);
    if (side.isEmpty()) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + party + "' is not a party of call " + call.id);
    }
    Leg leg = call.leg(side.get());
    if (conference == null || conference.size() == 0) {
      b2bua.hangUp(call, "hung up through the API for " + party);
      return ControlOutcome.DONE;
    }
    b2bua.byeAndForget(leg);
    sideLeft(call, leg);
    return ControlOutcome.DONE;
  }

  /**
   * A request on a leg that is a participant beyond the two sides; false when {@code leg} is not
   * one. A BYE is that participant leaving; a re-offer is refused (its media is the mixer's).
   */
  boolean onParticipantRequest(ServerTransaction tx, Leg leg) {
    Call call = leg.call;
    if (call.conference == null) return false;
    Optional<Conference.Participant> p = call.conference.byLeg(leg);
    if (p.isEmpty()) return false;
    SipRequest req = tx.request();
    if (req.isMethod("BYE")) {
      tx.respond(SipResponse.to(req, 200));
      b2bua.forget(leg);
      participantLeft(call, p.get(), "participant hung up");
    } else if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      tx.respond(SipResponse.to(req, 488).withReason("Not Acceptable Here (a conference participant's media is fixed)"));
    } else {
      tx.respond(SipResponse.to(req, 200));
    }
    return true;
  }

  private void participantLeft(Call call, Conference.Participant p, String cause) {
    Conference conference = call.conference;
    conference.remove(p.key());
    call.media.participantLeft(p.key());
    if (conference.over()) call.conference = null;
    Instant at = clock.instant();
    report(() -> observer.participantLeft(tenant(call), call.id, p.key(), at));
    log.info("event=conference_left call={} tenant={} participant={} cause=\"{}\"", call.id, tenant(call), p.party(),
        cause);
  }

  /**
   * The party on one side ({@code leg}, already hung up) left a conference: the eldest participant
   * takes its side (true). False when the call is no conference, and so ends as usual.
   */
  boolean sideLeft(Call call, Leg leg) {
    Conference conference = call.conference;
    if (conference == null) return false;
    Optional<Conference.Participant> eldest = conference.eldest();
    if (eldest.isEmpty()) return false;
    Conference.Participant p = eldest.get();
    conference.remove(p.key());
    b2bua.forget(leg);
    Side side = leg.side();
    call.media.sideTakenBy(side, p.key());
    Leg taking = new Leg(call, side == Side.CALLER, p.leg().dialog, p.leg().peer);
    b2bua.track(taking);
    if (side == Side.CALLER) {
      call.callerLeg = taking;
      call.callerParty = p.party();
    } else {
      call.calleeLeg = taking;
      call.calleeParty = p.party();
    }
    if (conference.over()) call.conference = null;
    Instant at = clock.instant();
    report(() -> observer.sideTakenBy(tenant(call), call.id, side == Side.CALLER, p.key(), at));
    log.info("event=conference_left call={} tenant={} side={} taken_by={}", call.id, tenant(call), leg.name(), p.party());
    return true;
  }

  /** Mute or unmute of a participant beyond the two sides; empty when {@code party} is none. */
  Optional<ControlOutcome> control(Call call, PartyCommand command) {
    if (call.conference == null) return Optional.empty();
    Optional<Conference.Participant> p = call.conference.byParty(command.party());
    if (p.isEmpty()) return Optional.empty();
    if (!(command instanceof PartyCommand.Mute m)) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "the call is a conference: only mute and unmute"
          + " act on one participant"));
    }
    ControlOutcome outcome = call.media.muteParticipant(p.get().key(), m.mute());
    if (outcome instanceof ControlOutcome.Done) {
      Instant at = clock.instant();
      report(() -> observer.participantMuteChanged(tenant(call), call.id, p.get().key(), m.mute(), at));
    }
    return Optional.of(outcome);
  }

  /** The call ended: the participants beyond the sides are hung up, one being called is cancelled. */
  void callEnded(Call call) {
    Conference conference = call.conference;
    if (conference == null) return;
    call.conference = null;
    if (conference.joining != null) {
      conference.joining.cancel();
      conference.joining = null;
      report(() -> observer.newLegFailed(tenant(call), call.id, CallRecord.Disposition.CANCELLED,
          "487 Request Terminated", clock.instant()));
    }
    for (Conference.Participant p : conference.participants()) b2bua.byeAndForget(p.leg());
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }

  private static void report(Runnable r) {
    CallReports.observe(r);
  }
}
