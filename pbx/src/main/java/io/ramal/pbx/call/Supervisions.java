package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.ControlOutcome.Reason;
import io.ramal.pbx.media.SupervisionMode;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision of answered calls, on the call's shard: a supervisor's device is called ({@link
 * LegDialer}) and, when it answers, takes part in the call — listening, whispering to the agent or
 * barging in ({@link SupervisionMode}) — without becoming one of its parties. The mode may change
 * during the call; the supervision ends when it is stopped, the supervisor hangs up or the call
 * ends. One supervision per call at a time; none on a conference or during a transfer.
 */
final class Supervisions {
  private static final Logger log = LoggerFactory.getLogger(Supervisions.class);

  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final CallObserver observer;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;

  Supervisions(SipContext sip, LocationService location, B2bua b2bua, CallObserver observer, InstantSource clock,
      Duration noAnswerTimeout) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.observer = observer;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
  }

  ControlOutcome carryOut(Call call, SupervisionCommand command) {
    if (call.state != Call.State.CONFIRMED && call.state != Call.State.ANSWERED) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is not answered");
    }
    return switch (command) {
      case SupervisionCommand.Start s -> start(call, s);
      case SupervisionCommand.Change c -> change(call, c);
      case SupervisionCommand.Stop s -> stop(call);
    };
  }

  private ControlOutcome start(Call call, SupervisionCommand.Start s) {
    if (call.media == CallMedia.DIRECT) {
      return ControlOutcome.refused(Reason.NOT_ANCHORED, "the call's audio flows directly between the phones"
          + " (media.mode: direct), so Ramal cannot let a supervisor listen");
    }
    if (call.supervision != null) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is supervised already by "
          + call.supervision.supervisor);
    }
    if (call.transfer != null || call.conference != null) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id
          + " has a transfer, consultation or conference under way");
    }
    Optional<Side> agentSide = agentSide(call, s.agent());
    if (s.agent().isPresent() && agentSide.isEmpty()) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + s.agent().get() + "' is not a party of call " + call.id);
    }
    if (s.mode().needsAgent() && agentSide.isEmpty()) {
      return ControlOutcome.refused(Reason.INVALID_ARGUMENT, "a whisper needs the agent it is for");
    }
    if (!(s.destination() instanceof Destination.ToExtension)) {
      return ControlOutcome.refused(Reason.INVALID_ARGUMENT, s.supervisorDevice()
          + " is not an extension of the tenant: a supervisor listens on its own device");
    }
    if (Conferences.isParty(call, s.supervisorDevice())) {
      return ControlOutcome.refused(Reason.INVALID_ARGUMENT, s.supervisorDevice() + " is a party of call " + call.id);
    }
    byte[] offer;
    switch (call.media.openSupervisorLeg()) {
      case Outcome.Forward f -> offer = f.body();
      case Outcome.Refuse r -> {
        return ControlOutcome.refused(r.status() == 491 ? Reason.INVALID_STATE : Reason.NOT_ANCHORED, r.reason());
      }
      case Outcome.AnswerLocally a -> throw new IllegalStateException("an offer is never answered locally");
    }
    Supervision supervision = new Supervision(s.supervisionId(), s.supervisorDevice(), s.mode(), s.agent(),
        s.notifyAgent());
    call.supervision = supervision;
    String tenant = tenant(call);
    String shown = s.agent().orElse(call.calleeParty);
    LegDialer.Identity from = new LegDialer.Identity(shown, "Supervision", call.origin.domain());
    LegDialer[] self = new LegDialer[1];
    self[0] = LegDialer.dial(sip, location, from, s.destination(), offer, noAnswerTimeout, Headers.EMPTY,
        new LegDialer.Listener() {
          @Override
          public void alerting() {}

          @Override
          public Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok) {
            if (call.supervision != supervision || supervision.dialing != self[0] || call.state == Call.State.ENDED) {
              return Optional.of(new Outcome.Refuse(487, "Request Terminated"));
            }
            supervision.dialing = null;
            ControlOutcome seated = call.media.supervise(ok.body(), supervision.mode, agentSide(call, supervision.agent),
                supervision.notifyAgent);
            if (seated instanceof ControlOutcome.Refused r) {
              return Optional.of(new Outcome.Refuse(488, "Not Acceptable Here (" + r.message() + ")"));
            }
            Leg leg = new Leg(call, false, dialog, peer);
            supervision.leg = leg;
            b2bua.track(leg);
            report(() -> observer.supervisionStarted(tenant, call.id, supervision.id, supervision.supervisor,
                supervision.mode, supervision.agent, supervision.notifyAgent, clock.instant()));
            log.info("event=supervision_started call={} tenant={} supervision={} supervisor={} mode={}", call.id, tenant,
                supervision.id, supervision.supervisor, supervision.mode.wireName());
            return Optional.empty();
          }

          @Override
          public void failed(int status, String reason) {
            if (call.supervision != supervision || supervision.leg != null) return;
            supervision.dialing = null;
            ended(call, "not_answered", status + " " + reason);
          }
        });
    supervision.dialing = self[0];
    log.info("event=supervision_calling call={} tenant={} supervision={} supervisor={}", call.id, tenant, supervision.id,
        supervision.supervisor);
    return ControlOutcome.DONE;
  }

  private ControlOutcome change(Call call, SupervisionCommand.Change c) {
    Supervision supervision = call.supervision;
    if (supervision == null) return ControlOutcome.refused(Reason.NO_SUCH_CALL, "call " + call.id + " is not supervised");
    Optional<String> agent = c.agent().isPresent() ? c.agent() : supervision.agent;
    Optional<Side> agentSide = agentSide(call, agent);
    if (agent.isPresent() && agentSide.isEmpty()) {
      return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "'" + agent.get() + "' is not a party of call " + call.id);
    }
    if (c.mode().needsAgent() && agentSide.isEmpty()) {
      return ControlOutcome.refused(Reason.INVALID_ARGUMENT, "a whisper needs the agent it is for");
    }
    if (supervision.leg != null) {
      ControlOutcome outcome = call.media.superviseAs(c.mode(), agentSide);
      if (!(outcome instanceof ControlOutcome.Done)) return outcome;
    }
    supervision.mode = c.mode();
    supervision.agent = agent;
    if (supervision.leg != null) {
      report(() -> observer.supervisionModeChanged(tenant(call), call.id, supervision.id, c.mode(), agent,
          clock.instant()));
    }
    log.info("event=supervision_mode call={} tenant={} supervision={} mode={} answered={}", call.id, tenant(call),
        supervision.id, c.mode().wireName(), supervision.leg != null);
    return ControlOutcome.DONE;
  }

  private ControlOutcome stop(Call call) {
    Supervision supervision = call.supervision;
    if (supervision == null) return ControlOutcome.refused(Reason.NO_SUCH_CALL, "call " + call.id + " is not supervised");
    hangUp(supervision);
    ended(call, "stopped", "stopped through the API");
    return ControlOutcome.DONE;
  }

  /**
   * A request on the supervisor's leg; false when {@code leg} is not one. A BYE ends the
   * supervision; a re-offer is refused (the supervisor's media is the mixer's).
   */
  boolean onSupervisorRequest(ServerTransaction tx, Leg leg) {
    Call call = leg.call;
    Supervision supervision = call.supervision;
    if (supervision == null || supervision.leg != leg) return false;
    SipRequest req = tx.request();
    if (req.isMethod("BYE")) {
      tx.respond(SipResponse.to(req, 200));
      b2bua.forget(leg);
      ended(call, "supervisor_hung_up", "the supervisor hung up");
    } else if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      tx.respond(SipResponse.to(req, 488).withReason("Not Acceptable Here (a supervisor's media is fixed)"));
    } else {
      tx.respond(SipResponse.to(req, 200));
    }
    return true;
  }

  /** The call ended: the supervisor is hung up (or its ringing cancelled). */
  void callEnded(Call call) {
    Supervision supervision = call.supervision;
    if (supervision == null) return;
    hangUp(supervision);
    call.supervision = null;
    report(() -> observer.supervisionEnded(tenant(call), call.id, supervision.id, "call_ended", "the call ended",
        clock.instant()));
  }

  private void hangUp(Supervision supervision) {
    if (supervision.dialing != null) {
      supervision.dialing.cancel();
      supervision.dialing = null;
    }
    if (supervision.leg != null) b2bua.byeAndForget(supervision.leg);
  }

  private void ended(Call call, String cause, String detail) {
    Supervision supervision = call.supervision;
    call.supervision = null;
    call.media.supervisionEnded();
    report(() -> observer.supervisionEnded(tenant(call), call.id, supervision.id, cause, detail, clock.instant()));
    log.info("event=supervision_ended call={} tenant={} supervision={} cause={} detail=\"{}\"", call.id, tenant(call),
        supervision.id, cause, detail);
  }

  private static Optional<Side> agentSide(Call call, Optional<String> agent) {
    return agent.flatMap(party -> PartyCommands.sideOf(call, party));
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }

  private static void report(Runnable r) {
    CallReports.observe(r);
  }
}
