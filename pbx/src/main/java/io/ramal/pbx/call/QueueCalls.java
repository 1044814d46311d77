package io.ramal.pbx.call;

import io.ramal.media.audio.Clip;
import io.ramal.media.player.PlaybackEnd;
import io.ramal.media.player.Prompt;
import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.ivr.Prompts;
import io.ramal.pbx.media.CallMedia.Kind;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.ControlOutcome;
import io.ramal.pbx.media.ControlOutcome.Reason;
import io.ramal.pbx.media.LegPlayer;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.pbx.speech.ShippedVoice;
import io.ramal.pbx.speech.SpokenPosition;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls waiting in queues, on one shard. Ramal answers such a call itself and the caller hears
 * music; the queue core then orders offers to agents' devices ({@link QueueOrder}). Each offer is
 * an INVITE of its own ({@link LegDialer}) carrying the call's standing offer for the callee side;
 * the first device to answer becomes the callee leg, every other offer is cancelled, and the call
 * goes on as an ordinary anchored two-party call (hold, transfer, recording all apply). While it
 * waits, whenever the core announces, the caller hears its position spoken ({@link SpokenPosition})
 * and then the queue's announcement (an uploaded prompt, if it has one), through a {@link LegPlayer}
 * on the caller's leg, music stopping for them. What
 * happens is told to the {@link CallObserver}, which feeds both the CTI events and the queue core.
 */
final class QueueCalls {
  private static final Logger log = LoggerFactory.getLogger(QueueCalls.class);
  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final CallObserver observer;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;
  private final DialPlan plan;
  private volatile Prompts prompts = Prompts.NONE;

  QueueCalls(SipContext sip, LocationService location, B2bua b2bua, CallObserver observer, InstantSource clock,
      Duration noAnswerTimeout, DialPlan plan) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.observer = observer;
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
    this.plan = plan;
  }

  /** Where the queues' announcements find their audio (the tenants' uploaded prompts). */
  void prompts(Prompts source) {
    this.prompts = Objects.requireNonNull(source, "source");
  }

  /** The routed {@code call} waits in {@code queue}: answered here, music, and the queue told. */
  void enter(Call call, String queue) {
    byte[] description;
    switch (call.media.answerCallerHere()) {
      case Outcome.AnswerLocally a -> description = a.body();
      case Outcome.Refuse r -> {
        b2bua.refuse(call, r.status(), r.reason());
        return;
      }
      case Outcome.Forward f -> throw new IllegalStateException("a caller answered here is never forwarded");
    }
    b2bua.answerHere(call, description);
    join(call, queue);
  }

  /**
   * {@code call}, which Ramal answered already (a voice menu sent its caller here), waits in {@code
   * queue} from now on; the caller hears music, and the queue is told.
   */
  void join(Call call, String queue) {
    call.queue = new QueueWait(queue, clock.instant());
    reportQueued(call);
    log.info("event=call_queued call={} tenant={} queue={} caller={}", call.id, tenant(call), queue, call.origin.number());
  }

  /** Carries out {@code order} on {@code call}, which Ramal answered for a queue. */
  ControlOutcome carryOut(Call call, QueueOrder order) {
    QueueWait w = call.queue;
    if (w == null || !w.waiting() || w.sentTo != null || call.state == Call.State.ENDED) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is not waiting in a queue");
    }
    return switch (order) {
      case QueueOrder.Offer o -> offer(call, w, o.device(), false);
      case QueueOrder.Withdraw wd -> {
        withdraw(call, w, wd.device());
        yield ControlOutcome.DONE;
      }
      case QueueOrder.Announce a -> {
        announce(call, w, a);
        yield ControlOutcome.DONE;
      }
      case QueueOrder.Requeue r -> {
        stopAnnouncement(w);
        withdrawAll(call, w);
        w.queue = r.queue();
        reportQueued(call);
        yield ControlOutcome.DONE;
      }
      case QueueOrder.SendOn s -> {
        stopAnnouncement(w); // music until the target answers
        withdrawAll(call, w);
        log.info("event=queue_sent_on call={} tenant={} queue={} to={}", call.id, tenant(call), w.queue, s.number());
        w.sentTo = s.number();
        yield offer(call, w, s.number(), true);
      }
      case QueueOrder.Release r -> {
        b2bua.hangUp(call, r.cause());
        yield ControlOutcome.DONE;
      }
    };
  }

  /** Whether {@code call} waits in a queue (no callee leg yet): most call commands do not apply. */
  static boolean waiting(Call call) {
    return call.queue != null && call.queue.waiting();
  }

  /** The refusal of a call command while the call waits in a queue. */
  static ControlOutcome refusedWhileWaiting(Call call) {
    return ControlOutcome.refused(Reason.INVALID_STATE, "call " + call.id + " is waiting in queue " + call.queue.queue
        + ": no agent has answered it yet");
  }

  /** The caller's ACK confirmed the call: an announcement that waited for it plays now. */
  void confirmed(Call call) {
    QueueWait w = call.queue;
    if (w == null || w.announcementDue == null) return;
    Clip due = w.announcementDue;
    w.announcementDue = null;
    if (w.waiting() && w.sentTo == null && call.state != Call.State.ENDED) play(call, w, due);
  }

  /** What the CDR's cause adds for a call its queue sent on (an overflow) and whose target answered. */
  static String endedIn(Call call) {
    QueueWait w = call.queue;
    return w != null && w.sentTo != null && !w.waiting() ? " (sent on from queue " + w.queue + " to " + w.sentTo + ")"
        : "";
  }

  /** The call ended: every offer still ringing is cancelled, and the queue hears the call is over. */
  void callEnded(Call call) {
    QueueWait w = call.queue;
    if (w == null) return;
    stopAnnouncement(w);
    withdrawAll(call, w);
    String tenant = tenant(call);
    java.time.Instant at = clock.instant();
    report(() -> observer.queueCallEnded(tenant, call.id, at));
  }

  private ControlOutcome offer(Call call, QueueWait w, String device, boolean sendOn) {
    if (w.offers.containsKey(device)) return ControlOutcome.DONE;
    String tenant = tenant(call);
    Destination destination = plan.route(tenant, device);
    if (!sendOn && !(destination instanceof Destination.ToExtension)) {
      return ControlOutcome.refused(Reason.INVALID_ARGUMENT, device + " is not an extension of the tenant");
    }
    byte[] offer;
    switch (call.media.calleeOffer()) {
      case Outcome.Forward f -> offer = f.body();
      case Outcome.Refuse r -> {
        return ControlOutcome.refused(Reason.INVALID_STATE, "no media offer for " + device + ": " + r.reason());
      }
      case Outcome.AnswerLocally a -> throw new IllegalStateException("an offer to a callee is never answered locally");
    }
    report(() -> observer.queueOfferCalled(tenant, call.id, device, sendOn, clock.instant()));
    LegDialer.Identity from = new LegDialer.Identity(call.callerParty, call.origin.displayName(), call.origin.domain());
    LegDialer[] self = new LegDialer[1];
    self[0] = LegDialer.dial(sip, location, from, destination, offer, noAnswerTimeout, Headers.EMPTY,
        new LegDialer.Listener() {
          @Override
          public void alerting() {
            if (w.offers.get(device) != self[0]) return;
            report(() -> observer.queueOfferAlerting(tenant, call.id, device, clock.instant()));
          }

          @Override
          public Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok) {
            if (call.queue != w || w.offers.get(device) != self[0] || !w.waiting() || call.state == Call.State.ENDED) {
              return Optional.of(new Outcome.Refuse(487, "Request Terminated"));
            }
            if (ok.body().length == 0) return Optional.of(new Outcome.Refuse(488, "Not Acceptable Here (no SDP answer)"));
            if (call.media.fromSide(Side.CALLEE, Kind.ANSWER, ok.body()) instanceof Outcome.Refuse r) {
              return Optional.of(r);
            }
            w.offers.remove(device);
            connect(call, w, device, new Leg(call, false, dialog, peer), sendOn);
            return Optional.empty();
          }

          @Override
          public void failed(int status, String reason) {
            if (w.offers.get(device) != self[0]) return;
            w.offers.remove(device);
            report(() -> observer.queueOfferEnded(tenant, call.id, device, status, false, clock.instant()));
            log.info("event=queue_offer_failed call={} tenant={} device={} status={}", call.id, tenant, device, status);
            if (sendOn) b2bua.hangUp(call, "sent on to " + device + ", which failed: " + status + " " + reason);
          }
        });
    w.offers.put(device, self[0]);
    return ControlOutcome.DONE;
  }

  /** {@code device} answered: it is the call's callee from now on, and the caller hears it. */
  private void connect(Call call, QueueWait w, String device, Leg leg, boolean sendOn) {
    w.answeredBy = device;
    stopAnnouncement(w);
    withdrawAll(call, w);
    call.calleeLeg = leg;
    call.calleeParty = device;
    if (sendOn) call.callee = device; // the CDR names where the overflow led
    java.time.Instant at = clock.instant();
    if (call.answeredAt == null) call.answeredAt = at; // a voice menu that sent the caller here answered first
    b2bua.track(leg);
    call.media.answered(Side.CALLEE);
    b2bua.calleeConnected(call);
    String tenant = tenant(call);
    report(() -> observer.queueOfferAnswered(tenant, call.id, device, sendOn, at));
    log.info("event=queue_call_answered call={} tenant={} queue={} device={} waited_ms={}", call.id, tenant, w.queue,
        device, Duration.between(w.since, at).toMillis());
  }

  /**
   * The queue tells the caller its place: its position (and estimated wait) spoken in the queue's
   * language, then the queue's own announcement (an uploaded prompt) if it has one, once, music stopping
   * for them and coming back after. An announcement due while the previous one still plays is skipped.
   */
  private void announce(Call call, QueueWait w, QueueOrder.Announce a) {
    String tenant = tenant(call);
    Optional<Clip> uploaded = a.prompt().flatMap(reference -> prompts.clip(tenant, reference));
    SpokenPosition spoken = new SpokenPosition(a.language(), a.position(), a.estimatedWait());
    Clip clip = ShippedVoice.of(a.language()).say(spoken.sentences());
    if (uploaded.isPresent()) clip = ShippedVoice.joined(clip, uploaded.get());
    log.info("event=queue_announcement call={} tenant={} queue={} position={} waiting={} language={}"
        + " estimated_wait_s={} prompt={}", call.id, tenant, a.queue(), a.position(), a.waiting(),
        a.language().wire(), a.estimatedWait().map(Duration::toSeconds).map(String::valueOf).orElse("none"),
        uploaded.isPresent() ? a.prompt().orElseThrow() : "none");
    if (call.state != Call.State.CONFIRMED) {
      w.announcementDue = clip; // before the caller's ACK its media may not be known yet
      return;
    }
    play(call, w, clip);
  }

  private void play(Call call, QueueWait w, Clip clip) {
    if (w.announcer == null) {
      LegPlayer[] self = new LegPlayer[1];
      self[0] = new LegPlayer(call.media, Side.CALLER, sip.shard()::execute, new LegPlayer.Listener() {
        @Override
        public void promptEnded(long prompt, PlaybackEnd how) {
          if (w.announcer == self[0]) self[0].stop(); // the caller hears music again
        }

        @Override
        public void keyPressed(char key, Duration duration) {}
      });
      w.announcer = self[0];
    }
    if (w.announcer.playing()) return;
    if (w.announcer.play(clip, Prompt.Repeat.ONCE, false).isEmpty()) {
      log.info("event=queue_announcement_skipped call={} tenant={} reason=no_media", call.id, tenant(call));
    }
  }

  private static void stopAnnouncement(QueueWait w) {
    w.announcementDue = null;
    if (w.announcer != null) w.announcer.stop();
  }

  private void withdraw(Call call, QueueWait w, String device) {
    LegDialer d = w.offers.remove(device);
    if (d == null) return;
    d.cancel();
    String tenant = tenant(call);
    report(() -> observer.queueOfferEnded(tenant, call.id, device, 487, true, clock.instant()));
  }

  private void withdrawAll(Call call, QueueWait w) {
    for (Map.Entry<String, LegDialer> e : List.copyOf(w.offers.entrySet())) withdraw(call, w, e.getKey());
  }

  private void reportQueued(Call call) {
    String tenant = tenant(call);
    String queue = call.queue.queue;
    java.time.Instant at = clock.instant();
    report(() -> observer.queued(tenant, call.id, queue, call.origin.number(), call.origin.displayName(), at));
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }

  private static void report(Runnable r) {
    CallReports.observe(r);
  }
}
