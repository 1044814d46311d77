package io.ramal.pbx.media;

import io.ramal.media.FrameSink;
import io.ramal.media.mixer.ConferenceMixer;
import io.ramal.media.player.MediaClock;
import io.ramal.media.relay.Feed;
import io.ramal.pbx.media.ControlOutcome.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A call's conference mixer and who sits in it: while the call is a conference (or supervised)
 * every seated leg hears everyone else through the mixer instead of the two sides' bridge. Seated
 * are the two sides, the participants beyond them (by the key the call gave each) and a
 * supervisor ({@link SupervisorLeg}). The call decides when to go from its bridge to the mixer and
 * back ({@link #open()}, {@link #start()}, {@link #stop}); this class does the seating.
 *
 * <p>Threads: there are no locks here, as there were none in the call. The mixer, its clock
 * registration and the participants are confined to the call's shard (every method runs there).
 * {@code hearingAsCaller} is a {@link CopyOnWriteArrayList} because the caller's mixer output
 * iterates it on the media clock thread while the shard adds and removes recording sinks. The
 * mixer and its participants are safe from any thread on their own, and a leg's
 * {@link LegMedia.Seat} is volatile for the endpoint listener's media thread.
 */
final class ConferenceSeats {
  private final MediaClock clock;
  /** The mixer while the call is a conference (null: the two sides are bridged). */
  private ConferenceMixer mixer;
  private MediaClock.Registration mixing;
  /** Conference participants beyond the two sides, by the key the call gave each. */
  private final Map<String, LegMedia> extras = new LinkedHashMap<>();
  /** During a conference, recording sinks that get what the caller hears (everyone else). */
  private final List<FrameSink> hearingAsCaller = new CopyOnWriteArrayList<>();

  ConferenceSeats(MediaClock clock) {
    this.clock = clock;
  }

  /** Whether the call's audio goes through the mixer now. */
  boolean mixing() {
    return mixer != null;
  }

  /** Whether no participant sits beyond the two sides (a supervisor aside). */
  boolean noParticipants() {
    return extras.isEmpty();
  }

  boolean seated(String key) {
    return extras.containsKey(key);
  }

  /** A new mixer, not ticking yet: the call seats its legs, then {@link #start()}s it. */
  void open() {
    mixer = new ConferenceMixer();
  }

  /** The mixer ticks on the media clock. */
  void start() {
    mixing = clock.register(mixer);
  }

  /**
   * The mixer stops and the two sides leave it (the call bridges them again); no recording sink
   * hears as the caller any more.
   */
  void stop(LegMedia caller, LegMedia callee) {
    mixing.cancel();
    mixer.close();
    mixer = null;
    unseat(caller);
    unseat(callee);
    hearingAsCaller.clear();
  }

  /**
   * {@code leg} hears the mix instead of its peer and says its audio into the mixer; what the
   * caller hears also goes to the recording sinks ({@code hearsAsCaller}).
   */
  void seat(LegMedia leg, boolean hearsAsCaller) {
    leg.stopMusic();
    leg.endpoint.feed(Feed.FRAMES);
    FrameSink out = leg.endpoint.outbound();
    FrameSink hears = hearsAsCaller ? frame -> {
      out.write(frame);
      for (FrameSink s : hearingAsCaller) s.write(frame);
    } : out;
    leg.participant = mixer.join(String.valueOf(leg.port()), hears);
    leg.toMixer = leg.endpoint.addTap(leg.participant.input());
  }

  /** {@code leg} leaves the mixer and relays again (if still open); nothing if it was not seated. */
  void unseat(LegMedia leg) {
    if (leg.participant == null) return;
    detach(leg.toMixer);
    leg.participant.leave();
    leg.participant = null;
    leg.toMixer = null;
    if (!leg.endpoint.isClosed()) leg.endpoint.feed(Feed.RELAY);
  }

  /** {@code joining}, a leg of its own (not a side's), takes a seat as participant {@code key}. */
  void join(String key, LegMedia joining) {
    joining.stopMusic();
    joining.seat.extra = true;
    extras.put(key, joining);
    seat(joining, false);
  }

  /**
   * Participant {@code key} left: its leg leaves the mixer and closes. False when nobody by that
   * key sits here (or the call has ended).
   */
  boolean leave(String key) {
    LegMedia gone = extras.remove(key);
    if (gone == null) return false;
    unseat(gone);
    gone.endpoint.close();
    return true;
  }

  /**
   * Participant {@code key} takes {@code side} from {@code old}, whose leg leaves and closes; the
   * participant stands up too, and the call seats it again as the side if it stays mixing. Empty
   * when nobody by that key sits here (or the call has ended).
   */
  Optional<LegMedia> promote(String key, CallMedia.Side side, LegMedia old) {
    LegMedia promoted = extras.remove(key);
    if (promoted == null) return Optional.empty();
    unseat(old);
    old.endpoint.close();
    unseat(promoted);
    promoted.seat.side = side;
    promoted.seat.extra = false;
    return Optional.of(promoted);
  }

  ControlOutcome mute(String key, boolean mute) {
    LegMedia x = extras.get(key);
    if (x == null) return ControlOutcome.refused(Reason.NO_SUCH_PARTY, "no such participant in the conference");
    if (x.endpoint.muted() == mute) {
      return ControlOutcome.refused(Reason.INVALID_STATE, "the participant is " + (mute ? "already" : "not") + " muted");
    }
    x.endpoint.mute(mute);
    return ControlOutcome.DONE;
  }

  /** A short beep that only {@code hearer} hears ({@link SupervisionSeat#beep}). */
  void beep(LegMedia hearer) {
    SupervisionSeat.beep(clock, mixer, hearer.participant);
  }

  /** {@code sink} gets what the caller hears, until the handle is closed. */
  AutoCloseable hearAsCaller(FrameSink sink) {
    hearingAsCaller.add(sink);
    return () -> hearingAsCaller.remove(sink);
  }

  /**
   * The call ended: the mixer stops and every participant's leg closes (the sides are the call's).
   * Nobody sits here afterwards (the call seats nobody once ended), so a late leave, promotion or
   * mute finds nobody.
   */
  void close() {
    if (mixer != null) {
      mixing.cancel();
      mixer.close();
      mixer = null;
    }
    for (LegMedia extra : extras.values()) extra.endpoint.close();
    extras.clear();
    hearingAsCaller.clear();
  }

  /** Detaching a leg's tap into the mixer cannot fail in a way the call should care about. */
  private static void detach(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // a tap's handle only removes it from a list
    }
  }
}
