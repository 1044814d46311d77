package io.ramal.pbx.call;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import io.ramal.media.audio.Clip;
import io.ramal.media.player.PlaybackEnd;
import io.ramal.media.player.Prompt;
import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.ivr.MenuStep;
import io.ramal.pbx.ivr.MenuWalk;
import io.ramal.pbx.ivr.Prompts;
import io.ramal.pbx.media.CallMedia.Kind;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.ControlOutcome.Reason;
import io.ramal.pbx.media.LegPlayer;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls in voice menus, on one shard. Ramal answers such a call itself (as for a queue) and, once the
 * caller's ACK confirms it, plays the menu's prompt; the caller's walk ({@link MenuWalk}) decides what
 * each key, prompt end and timeout leads to, and this carries the steps out: prompts through a
 * {@link LegPlayer} on the caller's leg, waits on the shard's scheduler, an extension or number called
 * as the callee leg ({@link LegDialer}; once it answers the call is an ordinary anchored two-party
 * call), a queue joined ({@link QueueCalls}), a hang-up. While the caller hears music waiting for the
 * chosen destination, keys change nothing. A destination that fails (busy, no answer, not registered)
 * or a queue that turns the caller away at once (full) brings the caller back to the menu.
 */
final class IvrCalls {
  private static final Logger log = LoggerFactory.getLogger(IvrCalls.class);
  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final QueueCalls queues;
  private final CallObserver observer;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;
  private final DialPlan plan;
  private volatile Prompts prompts = Prompts.NONE;

  IvrCalls(SipContext sip, LocationService location, B2bua b2bua, QueueCalls queues, CallObserver observer,
      InstantSource clock, Duration noAnswerTimeout, DialPlan plan) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.queues = queues;
    this.observer = observer;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
    this.plan = plan;
  }

  /** Where the menus' prompt audio comes from. */
  void prompts(Prompts source) {
    this.prompts = Objects.requireNonNull(source, "source");
  }

  /** The routed {@code call} goes to {@code menu}: answered here; its prompt plays once the caller confirms. */
  void enter(Call call, IvrMenu menu, String did) {
    byte[] description;
    switch (call.media.answerCallerHere()) {
      case Outcome.AnswerLocally a -> description = a.body();
      case Outcome.Refuse r -> {
        b2bua.refuse(call, r.status(), r.reason());
        return;
      }
      case Outcome.Forward f -> throw new IllegalStateException("a caller answered here is never forwarded");
    }
    IvrVisit visit = new IvrVisit(new MenuWalk(name -> plan.menu(tenant(call), name)), did);
    call.ivr = visit;
    call.answeredAt = clock.instant();
    b2bua.answerHere(call, description);
    visit.player = new LegPlayer(call.media, Side.CALLER, sip.shard()::execute, new LegPlayer.Listener() {
      @Override
      public void promptEnded(long prompt, PlaybackEnd how) {
        carryOut(call, visit, visit.walk.promptEnded());
      }

      @Override
      public void keyPressed(char key, Duration duration) {
        carryOut(call, visit, visit.walk.key(key));
      }
    });
    log.info("event=call_in_menu call={} tenant={} menu={} did={} caller={}", call.id, tenant(call), menu.name(), did,
        call.origin.number());
    carryOut(call, visit, visit.walk.start(menu));
  }

  /** The caller's ACK confirmed the call: a prompt that waited for it plays now. */
  void confirmed(Call call) {
    IvrVisit visit = call.ivr;
    if (visit == null || visit.confirmed) return;
    visit.confirmed = true;
    if (visit.promptDue && call.state != Call.State.ENDED) {
      visit.promptDue = false;
      visit.walk.menu().ifPresent(menu -> play(call, visit, menu));
    }
  }

  /** A key from one party of {@code call} (RFC 4733 or SIP INFO); only the caller's count. */
  void keyPressed(Call call, Side from, char key, Duration duration) {
    IvrVisit visit = call.ivr;
    if (visit == null || from != Side.CALLER || visit.player == null || call.state == Call.State.ENDED) return;
    visit.player.keyPressed(key, duration);
  }

  /**
   * The queue a menu handed the caller to turned it away at once (full, or gone; {@code cause} says
   * which): the caller leaves the queue and is back in the menu, as after a destination that could not be
   * reached (a replay, the default, or a hang-up, as its walk decides). False for a call no menu sent
   * there (the queue's release then hangs it up).
   */
  boolean turnedAway(Call call, String cause) {
    IvrVisit visit = call.ivr;
    if (visit == null || call.state == Call.State.ENDED || !QueueCalls.waiting(call)) return false;
    List<MenuStep> steps = visit.walk.turnedAway();
    if (steps.isEmpty()) return false;
    queues.callEnded(call); // the queue's part of the call is over: it never took the caller in
    call.queue = null;
    log.info("event=menu_destination_failed call={} tenant={} reason=\"{}\"", call.id, tenant(call), cause);
    carryOut(call, visit, steps);
    return true;
  }

  /** Whether {@code call} is in a voice menu, or waits for the destination its caller chose there. */
  static boolean inMenu(Call call) {
    return call.ivr != null && !call.ivr.walk.done();
  }

  /** The refusal of a call command while the caller is in a voice menu. */
  static ControlOutcome refusedInMenu(Call call) {
    return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is in voice menu " + call.ivr.menu()
        + ": its caller has not reached a destination yet");
  }

  /** What the CDR's cause adds for a call that ended in a menu (empty otherwise). */
  static String endedIn(Call call) {
    return inMenu(call) ? " (in voice menu " + call.ivr.menu() + ")" : "";
  }

  /** The call ended: the prompt stops, the wait ends, a destination still being called is cancelled. */
  void callEnded(Call call) {
    IvrVisit visit = call.ivr;
    if (visit == null) return;
    visit.timer.cancel();
    if (visit.player != null) visit.player.stop();
    if (visit.dialing != null) {
      visit.dialing.cancel();
      visit.dialing = null;
      Instant at = clock.instant();
      report(() -> observer.newLegFailed(tenant(call), call.id, CallRecord.Disposition.CANCELLED, "caller hung up", at));
    }
  }

  private void carryOut(Call call, IvrVisit visit, List<MenuStep> steps) {
    for (MenuStep step : steps) {
      if (call.state == Call.State.ENDED) return;
      switch (step) {
        case MenuStep.Entered e -> entered(call, visit, e.menu());
        case MenuStep.Play p -> {
          visit.timer.cancel();
          if (visit.confirmed) play(call, visit, p.menu());
          else visit.promptDue = true;
        }
        case MenuStep.Wait w -> {
          visit.timer.cancel();
          visit.timer = sip.shard().schedule(w.timeout(), () -> {
            if (call.state != Call.State.ENDED) carryOut(call, visit, visit.walk.timedOut(w.turn()));
          });
        }
        case MenuStep.Moved m -> left(call, m.from(), new IvrTarget.Menu(m.to().name()), m.why());
        case MenuStep.Route r -> route(call, visit, r);
        case MenuStep.HangUp h -> {
          visit.timer.cancel();
          visit.player.stop();
          log.info("event=menu_hang_up call={} tenant={} menu={} cause=\"{}\"", call.id, tenant(call), visit.menu(),
              h.cause());
          b2bua.hangUp(call, h.cause());
        }
      }
    }
  }

  private void entered(Call call, IvrVisit visit, IvrMenu menu) {
    call.callee = "ivr:" + menu.name();
    call.calleeParty = call.callee;
    String tenant = tenant(call);
    Instant at = clock.instant();
    report(() -> observer.ivrEntered(tenant, call.id, menu.name(), visit.did, call.origin.number(),
        call.origin.displayName(), at));
  }

  private void play(Call call, IvrVisit visit, IvrMenu menu) {
    Clip clip = menu.prompt().flatMap(reference -> prompts.clip(tenant(call), reference)).orElse(Prompts.BEEP);
    if (visit.player.play(clip, Prompt.Repeat.ONCE, true).isEmpty()) {
      b2bua.hangUp(call, "the prompt of voice menu " + menu.name() + " cannot be played (no media)");
    }
  }

  private void left(Call call, IvrMenu from, IvrTarget to, MenuStep.Choice why) {
    String tenant = tenant(call);
    Instant at = clock.instant();
    report(() -> observer.ivrLeft(tenant, call.id, from.name(), to.toString(), why.wire(), at));
    log.info("event=menu_choice call={} tenant={} menu={} target={} by={}", call.id, tenant, from.name(), to, why.wire());
  }

  private void route(Call call, IvrVisit visit, MenuStep.Route r) {
    visit.timer.cancel();
    visit.player.stop(); // the caller hears music until the destination answers
    left(call, r.from(), r.target(), r.why());
    switch (r.target()) {
      case IvrTarget.Queue q -> {
        visit.walk.routed();
        call.callee = q.value();
        call.calleeParty = q.value();
        queues.join(call, q.value());
      }
      case IvrTarget.Extension e -> dial(call, visit, e.value(), false);
      case IvrTarget.ExternalNumber n -> dial(call, visit, n.value(), true);
      case IvrTarget.Menu m -> throw new IllegalStateException("the walk enters menus itself");
    }
  }

  private void dial(Call call, IvrVisit visit, String number, boolean external) {
    String tenant = tenant(call);
    Destination destination = plan.route(tenant, number);
    boolean fits = external ? destination instanceof Destination.ToTrunk : destination instanceof Destination.ToExtension;
    Instant at = clock.instant();
    report(() -> observer.newLegCalled(tenant, call.id, false, number, external, at));
    byte[] offer = null;
    String refusal = fits ? null : (external ? "no trunk carries " : "no extension ") + number;
    if (fits) {
      switch (call.media.calleeOffer()) {
        case Outcome.Forward f -> offer = f.body();
        case Outcome.Refuse r -> refusal = r.status() + " " + r.reason();
        case Outcome.AnswerLocally a -> throw new IllegalStateException("an offer to a callee is never answered locally");
      }
    }
    if (offer == null) {
      failed(call, visit, 404, refusal);
      return;
    }
    LegDialer.Identity from = new LegDialer.Identity(call.callerParty, call.origin.displayName(), call.origin.domain());
    LegDialer[] self = new LegDialer[1];
    self[0] = LegDialer.dial(sip, location, from, destination, offer, noAnswerTimeout, Headers.EMPTY,
        new LegDialer.Listener() {
          @Override
          public void alerting() {
            if (visit.dialing != self[0]) return;
            Instant now = clock.instant();
            report(() -> observer.newLegAlerting(tenant, call.id, now));
          }

          @Override
          public Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok) {
            if (visit.dialing != self[0] || call.state == Call.State.ENDED) {
              return Optional.of(new Outcome.Refuse(487, "Request Terminated"));
            }
            if (ok.body().length == 0) return Optional.of(new Outcome.Refuse(488, "Not Acceptable Here (no SDP answer)"));
            if (call.media.fromSide(Side.CALLEE, Kind.ANSWER, ok.body()) instanceof Outcome.Refuse r) return Optional.of(r);
            visit.dialing = null;
            connect(call, visit, number, new Leg(call, false, dialog, peer));
            return Optional.empty();
          }

          @Override
          public void failed(int status, String reason) {
            if (visit.dialing != self[0]) return;
            visit.dialing = null;
            IvrCalls.this.failed(call, visit, status, reason);
          }
        });
    visit.dialing = self[0];
  }

  /** The chosen destination answered: it is the call's callee from now on, and the caller hears it. */
  private void connect(Call call, IvrVisit visit, String number, Leg leg) {
    visit.walk.routed();
    call.calleeLeg = leg;
    call.calleeParty = number;
    call.callee = number;
    b2bua.track(leg);
    call.media.answered(Side.CALLEE);
    b2bua.calleeConnected(call);
    Instant at = clock.instant();
    report(() -> observer.newLegAnswered(tenant(call), call.id, at));
    log.info("event=menu_destination_answered call={} tenant={} destination={}", call.id, tenant(call), number);
  }

  /** The chosen destination could not be reached: back to the menu, or on to its default. */
  private void failed(Call call, IvrVisit visit, int status, String reason) {
    String tenant = tenant(call);
    CallRecord.Disposition d = switch (status) {
      case 486, 600 -> CallRecord.Disposition.BUSY;
      case 408, 480, 487 -> CallRecord.Disposition.NO_ANSWER;
      default -> CallRecord.Disposition.FAILED;
    };
    Instant at = clock.instant();
    report(() -> observer.newLegFailed(tenant, call.id, d, status + " " + reason, at));
    log.info("event=menu_destination_failed call={} tenant={} status={} reason=\"{}\"", call.id, tenant, status, reason);
    carryOut(call, visit, visit.walk.routeFailed());
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }

  private static void report(Runnable r) {
    CallReports.observe(r);
  }
}
