package io.ramal.pbx.media;

import io.ramal.media.FrameSource;
import io.ramal.media.Pcm;
import io.ramal.media.FrameSink;
import io.ramal.media.dtmf.DtmfDigit;
import io.ramal.media.player.ClockTask;
import io.ramal.media.player.MediaClock;
import io.ramal.media.player.PlaybackListener;
import io.ramal.media.player.Player;
import io.ramal.media.relay.EndpointOpening;
import io.ramal.media.relay.RtpBridge;
import io.ramal.media.relay.RtpEndpoint;
import io.ramal.media.relay.RtpSession;
import io.ramal.sip.sdp.Acceptance;
import io.ramal.sip.sdp.Anchoring;
import io.ramal.sip.sdp.Answering;
import io.ramal.sip.sdp.Direction;
import io.ramal.sip.sdp.LocalSession;
import io.ramal.sip.sdp.OfferAnswer;
import io.ramal.sip.sdp.SdpParseResult;
import io.ramal.sip.sdp.SessionDescription;
import io.ramal.sip.transaction.Scheduler;
import java.nio.charset.StandardCharsets;
import io.ramal.pbx.media.ControlOutcome.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.ramal.pbx.media.LegMedia.Seat;

/**
 * The anchored media of one call: an RTP endpoint per leg, offer/answer kept per leg (each phone
 * negotiates with us, not with the other phone), a bridge once both legs have a session, music
 * on hold for the party whose peer holds. Runs on the call's shard; the endpoints' listeners are
 * forwarded to the call's {@link MediaListener}, which hops back onto the shard. While the call is
 * a conference or supervised, its legs sit in a mixer instead ({@link ConferenceSeats},
 * {@link SupervisorLeg}); this class decides when the bridge gives way to the mixer and back.
 */
final class AnchoredCallMedia implements CallMedia {
  private static final byte[] NONE = new byte[0];
  /** What a party held from the server hears (shared: sinks never modify a frame). */
  private static final short[] SILENCE = Pcm.silence();

  private final AnchoredMediaPlane plane;
  private final String callId;
  private final String tenantId;
  private final MediaListener listener;
  private LegMedia caller;
  private LegMedia callee;
  private final String failure;
  private final Scheduler scheduler;
  private RtpBridge bridge;
  private boolean closed;
  /** Attached taps (recorders); detached when the call closes. */
  private final List<AutoCloseable> taps = new ArrayList<>();
  /** Where each tap's sinks listen, so a leg that replaces another is tapped too. */
  private final List<TapPoint> tapPoints = new ArrayList<>();
  /** A leg being set up to take the place of one side's (transfer, consultation), if any. */
  private LegMedia newLeg;
  /** How the new leg is wired now (null: no new leg). */
  private Wiring wiring;
  /** The conference mixer and who sits in it (not mixing: the two sides are bridged). */
  private final ConferenceSeats seats;
  /** A supervisor's leg, from its offer until the supervision ends. */
  private final SupervisorLeg supervisor = new SupervisorLeg();

  /** One tap: its sink per side and the handles of its attachments to the current endpoints. */
  private static final class TapPoint {
    final FrameSink callerSink;
    final FrameSink calleeSink;
    AutoCloseable fromCaller;
    AutoCloseable fromCallee;

    TapPoint(FrameSink callerSink, FrameSink calleeSink) {
      this.callerSink = callerSink;
      this.calleeSink = calleeSink;
    }
  }

  AnchoredCallMedia(AnchoredMediaPlane plane, String callId, String tenantId, Scheduler scheduler,
      MediaListener listener) {
    this.plane = plane;
    this.callId = callId;
    this.tenantId = tenantId;
    this.listener = listener;
    this.scheduler = scheduler;
    this.seats = new ConferenceSeats(plane.mediaClock);
    Seat callerSeat = new Seat(Side.CALLER);
    Seat calleeSeat = new Seat(Side.CALLEE);
    RtpEndpoint a = open(callerSeat, scheduler);
    RtpEndpoint b = a == null ? null : open(calleeSeat, scheduler);
    if (a != null && b == null) a.close();
    this.caller = b == null ? null : new LegMedia(callerSeat, a, plane.connection);
    this.callee = b == null ? null : new LegMedia(calleeSeat, b, plane.connection);
    this.failure = b == null ? "no RTP ports available" : null;
  }

  private RtpEndpoint open(Seat seat, Scheduler scheduler) {
    io.ramal.media.relay.MediaListener events = new io.ramal.media.relay.MediaListener() {
      @Override
      public void digitDetected(DtmfDigit digit) {
        if (!seat.extra) listener.digit(seat.side, digit.digit(), digit.duration());
      }

      @Override
      public void rtpTimedOut(Duration silence) {
        if (!seat.extra) {
          listener.deadMedia("no RTP for " + silence.toSeconds() + " s from the "
              + seat.side.name().toLowerCase(java.util.Locale.ROOT));
        }
      }
    };
    return switch (RtpEndpoint.open(plane.reactor, plane.pool, plane.settings.endpoints(), plane.clock, scheduler, events)) {
      case EndpointOpening.Opened o -> o.endpoint();
      case EndpointOpening.NotOpened n -> null;
    };
  }

  private LegMedia leg(Side side) {
    return side == Side.CALLER ? caller : callee;
  }

  @Override
  public Outcome fromSide(Side from, Kind kind, byte[] body) {
    if (failure != null) return new Outcome.Refuse(503, "Service Unavailable (" + failure + ")");
    if (closed) return new Outcome.Forward(NONE);
    LegMedia x = leg(from);
    LegMedia y = leg(from.other());
    if (body.length == 0) {
      // A late-offer INVITE: we make the callee an offer of our own; the caller gets ours in the 200.
      if (from == Side.CALLER && kind == Kind.OFFER && y.lastOffer == null) return new Outcome.Forward(offerTo(y));
      return new Outcome.Forward(NONE);
    }
    SessionDescription sdp;
    switch (SessionDescription.parse(body)) {
      case SdpParseResult.Parsed p -> sdp = p.description();
      case SdpParseResult.Malformed m -> {
        return new Outcome.Refuse(488, "Not Acceptable Here (malformed SDP: " + m.reason() + ")");
      }
    }
    if (x.lastOffer != null && (x.awaitingAnswer || kind == Kind.ANSWER)) {
      switch (OfferAnswer.accept(x.lastOffer, sdp, plane.capabilities)) {
        case Acceptance.Unusable u -> {
          return new Outcome.Refuse(488, "Not Acceptable Here (" + u.reason() + ")");
        }
        case Acceptance.Agreed a -> {
          x.endpoint.negotiate(RtpSession.of(a.audio()));
          x.negotiated = true;
          x.awaitingAnswer = false;
        }
      }
      joinIfReady();
      if (y.answer != null) return new Outcome.Forward(stamp(y, y.answer));
      if (!y.negotiated && y.lastOffer == null) return new Outcome.Forward(offerTo(y));
      return new Outcome.Forward(NONE);
    }
    switch (answer(x, sdp)) {
      case Outcome.Refuse r -> {
        return r;
      }
      default -> {
      }
    }
    if (y.lastOffer == null) {
      SessionDescription offer = Anchoring.restrict(
          Anchoring.rewrite(sdp, y.local.origin(), plane.connection, y.port()), plane.capabilities);
      y.lastOffer = offer;
      y.awaitingAnswer = true;
      return new Outcome.Forward(stamp(y, offer));
    }
    return new Outcome.Forward(NONE);
  }

  @Override
  public Outcome offer(Side to) {
    if (failure != null) return new Outcome.Refuse(503, "Service Unavailable (" + failure + ")");
    LegMedia y = leg(to);
    if (closed || y.lastOffer != null || y.negotiated) {
      return new Outcome.Refuse(488, "Not Acceptable Here (only the first offer of a leg is ours to make)");
    }
    return new Outcome.Forward(offerTo(y));
  }

  /** Answers an offer of {@code x} on its own endpoint; the answer is kept for sending. */
  private Outcome answer(LegMedia x, SessionDescription offer) {
    return switch (OfferAnswer.answer(offer, plane.capabilities, x.local.origin(), plane.connection, x.port(),
        Direction.SENDRECV)) {
      case Answering.Refused r -> new Outcome.Refuse(r.status(), "Not Acceptable Here (" + r.reason() + ")");
      case Answering.Answered a -> {
        x.endpoint.negotiate(RtpSession.of(a.audio()));
        x.negotiated = true;
        x.answer = a.answer();
        boolean holding = !a.audio().direction().sends();
        holdMoved(x, x.hold.phone(holding));
        yield new Outcome.AnswerLocally(NONE);
      }
    };
  }

  @Override
  public Outcome reoffer(Side from, byte[] offer) {
    if (failure != null || closed) return new Outcome.Refuse(488, "Not Acceptable Here (no media)");
    LegMedia x = leg(from);
    if (offer.length == 0) {
      SessionDescription ours = OfferAnswer.offer(plane.capabilities, x.local.origin(), plane.connection, x.port(),
          Direction.SENDRECV);
      return new Outcome.AnswerLocally(stamp(x, ours));
    }
    SessionDescription sdp;
    switch (SessionDescription.parse(offer)) {
      case SdpParseResult.Parsed p -> sdp = p.description();
      case SdpParseResult.Malformed m -> {
        return new Outcome.Refuse(488, "Not Acceptable Here (malformed SDP: " + m.reason() + ")");
      }
    }
    if (answer(x, sdp) instanceof Outcome.Refuse r) return r;
    return new Outcome.AnswerLocally(stamp(x, x.answer));
  }

  @Override
  public Outcome answerCallerHere() {
    if (failure != null) return new Outcome.Refuse(503, "Service Unavailable (" + failure + ")");
    if (closed) return new Outcome.Refuse(488, "Not Acceptable Here (the call has ended)");
    byte[] description;
    if (caller.answer != null) description = stamp(caller, caller.answer);
    else if (caller.lastOffer == null) description = offerTo(caller);
    else return new Outcome.Refuse(491, "Request Pending (the caller has not answered our offer yet)");
    hear(caller, Hearing.MUSIC);
    caller.endpoint.watchSilence(plane.settings.deadMediaAfter());
    return new Outcome.AnswerLocally(description);
  }

  @Override
  public Outcome calleeOffer() {
    if (failure != null) return new Outcome.Refuse(503, "Service Unavailable (" + failure + ")");
    if (closed || callee.negotiated) return new Outcome.Refuse(488, "Not Acceptable Here (the callee side is taken)");
    if (callee.lastOffer != null) return new Outcome.Forward(stamp(callee, callee.lastOffer));
    if (!caller.negotiated) return new Outcome.Refuse(491, "Request Pending (the caller's media is not agreed yet)");
    return new Outcome.Forward(offerTo(callee));
  }

  @Override
  public void answered(Side answeredBy) {
    if (failure != null || closed) return;
    joinIfReady();
    if (wiring == null && !seats.mixing()) reheard(); // a caller served by us (a queue) stops hearing music
    Duration dead = plane.settings.deadMediaAfter();
    caller.endpoint.watchSilence(dead);
    callee.endpoint.watchSilence(dead);
  }

  @Override
  public void close(String cause) {
    if (closed || failure != null) return;
    closed = true;
    for (AutoCloseable tap : List.copyOf(taps)) close(tap);
    caller.stopMusic();
    callee.stopMusic();
    if (bridge != null) bridge.close();
    caller.endpoint.close();
    callee.endpoint.close();
    if (newLeg != null) {
      newLeg.stopMusic();
      newLeg.endpoint.close();
      newLeg = null;
    }
    seats.close();
    supervisor.close();
    plane.reportQuality(tenantId, callId, caller.endpoint, callee.endpoint);
  }

  @Override
  public Optional<AutoCloseable> tap(FrameSink callerSink, FrameSink calleeSink, ClockTask task) {
    if (failure != null || closed) return Optional.empty();
    TapPoint point = new TapPoint(callerSink, calleeSink);
    attach(point);
    tapPoints.add(point);
    MediaClock.Registration ticks = plane.mediaClock.register(task);
    AutoCloseable[] handle = new AutoCloseable[1];
    handle[0] = () -> {
      ticks.cancel();
      close(point.fromCaller);
      close(point.fromCallee);
      tapPoints.remove(point);
      taps.remove(handle[0]);
    };
    taps.add(handle[0]);
    return Optional.of(handle[0]);
  }

  /**
   * Attaches a tap where the call's audio is now: the caller's voice from the caller's endpoint;
   * the other side's from the callee's endpoint, or during a conference the mix the caller hears.
   */
  private void attach(TapPoint point) {
    point.fromCaller = caller.endpoint.addTap(point.callerSink);
    if (!seats.mixing() || supervisor.seated() && seats.noParticipants()) { // a supervisor is not recorded
      point.fromCallee = callee.endpoint.addTap(point.calleeSink);
    } else {
      point.fromCallee = seats.hearAsCaller(point.calleeSink);
    }
  }

  /** Moves every tap to where the call's audio is now (a side changed hands, mixing began or ended). */
  private void retap() {
    for (TapPoint t : tapPoints) {
      close(t.fromCaller);
      close(t.fromCallee);
      attach(t);
    }
  }

  /** Detaching a tap cannot fail in a way the call should care about. */
  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // a tap's handle only removes it from a list
    }
  }

  private void joinIfReady() {
    if (bridge == null && caller.negotiated && callee.negotiated) bridge = RtpBridge.join(caller.endpoint, callee.endpoint);
  }

  /** Reports a change of who holds on {@code x} and makes both legs hear what the holds say. */
  private void holdMoved(LegMedia x, LegHold.Change change) {
    if (!change.moved()) return;
    if (wiring == null && !seats.mixing()) reheard();
    change.before().ifPresent(origin -> listener.holdChanged(x.side(), false, origin));
    change.after().ifPresent(origin -> listener.holdChanged(x.side(), true, origin));
  }

  private void hear(LegMedia leg, Hearing what) {
    if (leg.hearing == what) return;
    leg.stopMusic();
    switch (what) {
      case PEER -> {}
      case MUSIC -> {
        Player music = plane.music.play(tenantId, PlaybackListener.NONE);
        leg.play(music, music, plane.mediaClock);
      }
      case SILENCE -> leg.play(() -> SILENCE, null, plane.mediaClock);
      case PROMPT -> throw new IllegalArgumentException("prompts are played through play(side, frames)");
    }
    leg.hearing = what;
  }

  @Override
  public Optional<AutoCloseable> play(Side side, FrameSource frames) {
    if (failure != null || closed) return Optional.empty();
    LegMedia leg = leg(side);
    Hearing before = leg.hearing;
    leg.stopMusic();
    leg.play(frames, null, plane.mediaClock);
    leg.hearing = Hearing.PROMPT;
    MediaClock.Registration feed = leg.musicFeed;
    return Optional.of(() -> {
      if (closed || leg.musicFeed != feed) return; // something else changed what the leg hears meanwhile
      leg.stopMusic();
      hear(leg, before == Hearing.PROMPT ? Hearing.SILENCE : before);
    });
  }

  @Override
  public Outcome openNewLeg(Side side) {
    if (failure != null || closed) return new Outcome.Refuse(503, "Service Unavailable (the call has no media)");
    if (newLeg != null) return new Outcome.Refuse(491, "Request Pending (another new leg is being set up)");
    Seat seat = new Seat(side);
    RtpEndpoint endpoint = open(seat, scheduler);
    if (endpoint == null) return new Outcome.Refuse(503, "Service Unavailable (no RTP ports available)");
    newLeg = new LegMedia(seat, endpoint, plane.connection);
    return new Outcome.Forward(offerTo(newLeg));
  }

  @Override
  public Outcome newLegAnswered(byte[] answer) {
    if (newLeg == null || closed) return new Outcome.Refuse(481, "no new leg is being set up");
    SessionDescription sdp;
    switch (SessionDescription.parse(answer)) {
      case SdpParseResult.Parsed p -> sdp = p.description();
      case SdpParseResult.Malformed m -> {
        return new Outcome.Refuse(488, "Not Acceptable Here (malformed SDP: " + m.reason() + ")");
      }
    }
    switch (OfferAnswer.accept(newLeg.lastOffer, sdp, plane.capabilities)) {
      case Acceptance.Unusable u -> {
        return new Outcome.Refuse(488, "Not Acceptable Here (" + u.reason() + ")");
      }
      case Acceptance.Agreed a -> {
        newLeg.endpoint.negotiate(RtpSession.of(a.audio()));
        newLeg.negotiated = true;
        newLeg.awaitingAnswer = false;
      }
    }
    if (wiring == Wiring.CONSULTING) rewire(Wiring.CONSULTING);
    return new Outcome.Forward(NONE);
  }

  @Override
  public Outcome newLegOffered(byte[] offer) {
    if (newLeg == null || closed) return new Outcome.Refuse(481, "no new leg is being set up");
    SessionDescription sdp;
    switch (SessionDescription.parse(offer)) {
      case SdpParseResult.Parsed p -> sdp = p.description();
      case SdpParseResult.Malformed m -> {
        return new Outcome.Refuse(488, "Not Acceptable Here (malformed SDP: " + m.reason() + ")");
      }
    }
    return switch (OfferAnswer.answer(sdp, plane.capabilities, newLeg.local.origin(), plane.connection, newLeg.port(),
        Direction.SENDRECV)) {
      case Answering.Refused r -> new Outcome.Refuse(r.status(), "Not Acceptable Here (" + r.reason() + ")");
      case Answering.Answered a -> {
        newLeg.endpoint.negotiate(RtpSession.of(a.audio()));
        newLeg.negotiated = true;
        newLeg.awaitingAnswer = false;
        newLeg.answer = a.answer();
        yield new Outcome.AnswerLocally(stamp(newLeg, a.answer()));
      }
    };
  }

  @Override
  public void rewire(Wiring to) {
    if (failure != null || closed || newLeg == null) return;
    if (to == Wiring.JOINING) {
      wiring = to; // the parties talk on; the new leg hears nothing until it joins
      return;
    }
    if (to == Wiring.ABANDONED && (wiring == Wiring.JOINING || seats.mixing())) {
      LegMedia abandoned = newLeg;
      newLeg = null;
      wiring = null;
      abandoned.endpoint.close();
      return;
    }
    Side side = newLeg.side();
    LegMedia current = leg(side);
    LegMedia kept = leg(side.other());
    switch (to) {
      case WAITING -> {
        wiring = to;
        if (bridge != null) bridge.close();
        hear(kept, Hearing.MUSIC);
        hear(current, Hearing.SILENCE);
        current.endpoint.stopWatchingSilence(); // the leaving phone may stop sending before it is gone
      }
      case CONSULTING -> {
        wiring = to;
        hear(kept, Hearing.MUSIC);
        if (newLeg.negotiated) {
          bridge = RtpBridge.join(current.endpoint, newLeg.endpoint);
          hear(current, Hearing.PEER);
          hear(newLeg, Hearing.PEER);
        } else {
          if (bridge != null) bridge.close();
          hear(current, Hearing.SILENCE);
        }
      }
      case REPLACED -> {
        LegMedia replacement = newLeg;
        newLeg = null;
        wiring = null;
        current.stopMusic();
        current.endpoint.close();
        if (side == Side.CALLER) caller = replacement;
        else callee = replacement;
        retap();
        bridge = RtpBridge.join(caller.endpoint, callee.endpoint);
        replacement.stopMusic();
        reheard();
        replacement.endpoint.watchSilence(plane.settings.deadMediaAfter());
      }
      case ABANDONED -> {
        LegMedia abandoned = newLeg;
        newLeg = null;
        wiring = null;
        abandoned.stopMusic();
        abandoned.endpoint.close();
        bridge = RtpBridge.join(caller.endpoint, callee.endpoint);
        current.stopMusic();
        kept.stopMusic();
        reheard();
      }
    }
  }

  /** Both legs hear what their holds say (the state without a new leg). */
  private void reheard() {
    hear(caller, Hearing.of(caller.hold, callee.hold));
    hear(callee, Hearing.of(callee.hold, caller.hold));
  }

  @Override
  public ControlOutcome hold(Side holder, boolean hold) {
    Optional<ControlOutcome> unusable = unusable();
    if (unusable.isPresent()) return unusable.get();
    if (seats.mixing()) return inConference("hold");
    LegMedia x = leg(holder);
    if (hold && x.hold.byServer() || !hold && !x.hold.byServer() && !x.hold.byPhone()) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "the " + name(holder) + " is " + (hold ? "already" : "not")
          + " holding the call");
    }
    if (x.hold.byPhone() && !x.hold.byServer()) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "the " + name(holder) + "'s phone put the call on hold"
          + " itself; it is " + (hold ? "on hold already" : "retrieved from the phone"));
    }
    holdMoved(x, x.hold.server(hold));
    return ControlOutcome.DONE;
  }

  @Override
  public ControlOutcome mute(Side party, boolean mute) {
    Optional<ControlOutcome> unusable = unusable();
    if (unusable.isPresent()) return unusable.get();
    LegMedia x = leg(party);
    if (x.endpoint.muted() == mute) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "the " + name(party) + " is " + (mute ? "already" : "not")
          + " muted");
    }
    x.endpoint.mute(mute);
    listener.muteChanged(party, mute);
    return ControlOutcome.DONE;
  }

  @Override
  public ControlOutcome sendDigits(Side from, List<DtmfDigit> digits, Duration gap) {
    Optional<ControlOutcome> unusable = unusable();
    if (unusable.isPresent()) return unusable.get();
    if (seats.mixing()) return inConference("DTMF to one party");
    if (leg(from.other()).endpoint.sendDigits(digits, gap).isEmpty()) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "the " + name(from.other())
          + "'s phone receives no audio now (it holds the call)");
    }
    return ControlOutcome.DONE;
  }

  /** Why no media command can act on this call now, if so. */
  private Optional<ControlOutcome> unusable() {
    if (failure != null) return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "the call has no media: " + failure));
    if (closed) return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "the call has ended"));
    if (bridge == null && !seats.mixing()) {
      return Optional.of(ControlOutcome.refused(Reason.INVALID_STATE, "the call's media is not set up yet"));
    }
    return Optional.empty();
  }

  private ControlOutcome inConference(String what) {
    if (supervisor.seated() && seats.noParticipants()) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "the call is supervised: " + what + " is not available until"
          + " the supervision ends");
    }
    return ControlOutcome.refused(Reason.INVALID_STATE, "the call is a conference: " + what + " is not available in one");
  }

  // ---- conference ----

  @Override
  public ControlOutcome conference(String key) {
    Optional<ControlOutcome> unusable = unusable();
    if (unusable.isPresent()) return unusable.get();
    if (newLeg == null || !newLeg.negotiated) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "no answered leg is waiting to join the conference");
    }
    if (seats.seated(key)) throw new IllegalArgumentException("participant " + key + " is in the conference already");
    if (!seats.mixing()) startMixing();
    LegMedia joining = newLeg;
    newLeg = null;
    wiring = null;
    seats.join(key, joining);
    return ControlOutcome.DONE;
  }

  /** From a bridge (or a consultation) to the mixer: every leg hears everyone else. */
  private void startMixing() {
    if (bridge != null) bridge.close();
    bridge = null;
    seats.open();
    seats.seat(caller, true);
    seats.seat(callee, false);
    seats.start();
    retap();
  }

  /** Back to a bridge between the two sides: the conference is down to two parties. */
  private void stopMixing() {
    seats.stop(caller, callee);
    bridge = RtpBridge.join(caller.endpoint, callee.endpoint);
    retap();
    reheard();
  }

  @Override
  public void participantLeft(String key) {
    if (seats.leave(key) && seats.noParticipants() && !supervisor.seated()) stopMixing();
  }

  @Override
  public void sideTakenBy(Side side, String key) {
    Optional<LegMedia> taking = seats.promote(key, side, leg(side));
    if (taking.isEmpty()) return;
    LegMedia promoted = taking.get();
    if (side == Side.CALLER) caller = promoted;
    else callee = promoted;
    promoted.endpoint.watchSilence(plane.settings.deadMediaAfter());
    if (seats.noParticipants() && !supervisor.seated()) {
      stopMixing();
    } else {
      seats.seat(promoted, promoted == caller);
      retap();
    }
  }

  @Override
  public ControlOutcome muteParticipant(String key, boolean mute) {
    return seats.mute(key, mute);
  }

  // ---- supervision ----

  @Override
  public Outcome openSupervisorLeg() {
    if (failure != null || closed) return new Outcome.Refuse(503, "Service Unavailable (the call has no media)");
    if (supervisor.present()) return new Outcome.Refuse(491, "Request Pending (the call is supervised already)");
    Seat seat = new Seat(Side.CALLEE);
    seat.extra = true; // its digits and silence are not the call's business
    RtpEndpoint endpoint = open(seat, scheduler);
    if (endpoint == null) return new Outcome.Refuse(503, "Service Unavailable (no RTP ports available)");
    LegMedia offered = new LegMedia(seat, endpoint, plane.connection);
    supervisor.offered(offered);
    return new Outcome.Forward(offerTo(offered));
  }

  @Override
  public ControlOutcome supervise(byte[] answer, SupervisionMode mode, Optional<Side> agent, boolean notifyAgent) {
    Optional<ControlOutcome> unusable = unusable();
    if (unusable.isPresent()) return unusable.get();
    if (!supervisor.waiting()) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "no supervisor's leg is waiting to be seated");
    }
    if (newLeg != null) return ControlOutcome.refused(Reason.INVALID_STATE, "a new leg is being set up on the call");
    Optional<ControlOutcome> refused = supervisor.answered(answer, plane.capabilities);
    if (refused.isPresent()) return refused.get();
    boolean wasMixing = seats.mixing();
    if (!wasMixing) {
      if (bridge != null) bridge.close();
      bridge = null;
      seats.open();
    }
    supervisor.sit(seats, mode, agent);
    if (!wasMixing) {
      seats.seat(caller, true);
      seats.seat(callee, false);
    }
    supervisor.apply(mode, agent, caller, callee);
    if (notifyAgent && agent.isPresent()) seats.beep(leg(agent.get()));
    if (!wasMixing) {
      seats.start();
      retap();
    }
    return ControlOutcome.DONE;
  }

  @Override
  public ControlOutcome superviseAs(SupervisionMode mode, Optional<Side> agent) {
    Optional<ControlOutcome> unusable = unusable();
    if (unusable.isPresent()) return unusable.get();
    if (!supervisor.seated()) return ControlOutcome.refused(Reason.INVALID_STATE, "the supervisor has not answered yet");
    supervisor.apply(mode, agent, caller, callee);
    return ControlOutcome.DONE;
  }

  @Override
  public void supervisionEnded() {
    if (supervisor.end(seats) && seats.noParticipants()) stopMixing();
  }

  private static String name(Side side) {
    return side == Side.CALLER ? "caller" : "callee";
  }

  private byte[] offerTo(LegMedia y) {
    SessionDescription offer = OfferAnswer.offer(plane.capabilities, y.local.origin(), plane.connection, y.port(),
        Direction.SENDRECV);
    y.lastOffer = offer;
    y.awaitingAnswer = true;
    return stamp(y, offer);
  }

  private static byte[] stamp(LegMedia leg, SessionDescription sdp) {
    LocalSession.Stamped s = leg.local.stamp(sdp);
    leg.local = s.session();
    return s.description().toString().getBytes(StandardCharsets.US_ASCII);
  }
}
