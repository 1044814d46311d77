package io.ramal.pbx.media;

import io.ramal.media.dtmf.DtmfDigit;
import java.time.Duration;
import java.util.List;
import io.ramal.media.FrameSink;
import io.ramal.media.player.ClockTask;
import java.util.Objects;
import java.util.Optional;

/**
 * The media side of one B2BUA call, as the signalling sees it: every session description that
 * arrives from one side is handed here and what comes back is sent to the other side (or used to
 * answer locally). Called on the call's shard only.
 */
public interface CallMedia {
  /** Which dialog of the call a description came from. */
  enum Side {
    CALLER, CALLEE;

    public Side other() {
      return this == CALLER ? CALLEE : CALLER;
    }
  }

  /** RFC 3264 role of a description. */
  enum Kind { OFFER, ANSWER }

  /** What to do with a description. */
  sealed interface Outcome {
    /** Send {@code body} (possibly empty: no description) to the other side. */
    record Forward(byte[] body) implements Outcome {
      public Forward {
        Objects.requireNonNull(body, "body");
      }
    }

    /** Answer the offerer ourselves with {@code body}; nothing goes to the other side. */
    record AnswerLocally(byte[] body) implements Outcome {
      public AnswerLocally {
        Objects.requireNonNull(body, "body");
      }
    }

    /** Refuse with a SIP status (488 Not Acceptable Here for an unusable description). */
    record Refuse(int status, String reason) implements Outcome {
      public Refuse {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  CallMedia DIRECT = new CallMedia() {
    @Override
    public Outcome fromSide(Side from, Kind kind, byte[] body) {
      return new Outcome.Forward(body);
    }

    @Override
    public Outcome offer(Side to) {
      return new Outcome.Refuse(488, "Not Acceptable Here (direct media carries only the phones' own descriptions)");
    }

    @Override
    public Outcome reoffer(Side from, byte[] offer) {
      return new Outcome.Forward(offer);
    }

    @Override
    public void answered(Side answeredBy) {}

    @Override
    public void close(String cause) {}

    @Override
    public ControlOutcome hold(Side holder, boolean hold) {
      return notAnchored();
    }

    @Override
    public ControlOutcome mute(Side party, boolean mute) {
      return notAnchored();
    }

    @Override
    public ControlOutcome sendDigits(Side from, List<DtmfDigit> digits, Duration gap) {
      return notAnchored();
    }

    private ControlOutcome notAnchored() {
      return ControlOutcome.refused(ControlOutcome.Reason.NOT_ANCHORED,
          "the call's audio flows directly between the phones (media.mode: direct), so Ramal cannot act on it");
    }
  };

  /**
   * A description from {@code from} during call set-up (INVITE, 18x, 2xx, ACK) or the answer to a
   * re-offer: {@link Outcome.Forward} with what the other side gets, or {@link Outcome.Refuse}.
   */
  Outcome fromSide(Side from, Kind kind, byte[] body);

  /**
   * Our own initial offer to side {@code to}, for a call Ramal places itself (click-to-call: the
   * first INVITE goes to the caller's device, before any phone has described its media).
   * {@link Outcome.Forward} carries the offer; the side's answer then comes back through {@link
   * #fromSide} as an {@link Kind#ANSWER}, and what that returns is the offer for the other side.
   * {@link Outcome.Refuse} when this media cannot offer (direct media, no ports).
   */
  Outcome offer(Side to);

  /**
   * A re-INVITE or UPDATE from {@code from} once the call is up ({@code offer} may be empty: an
   * offerless re-INVITE). {@link Outcome.Forward} relays it; {@link Outcome.AnswerLocally}
   * answers it here (an anchored plane does this, which is how hold gets music instead of
   * silence); {@link Outcome.Refuse} rejects it.
   */
  Outcome reoffer(Side from, byte[] offer);

  /**
   * Ramal answers the caller itself (the call waits in a queue): the description for the caller's
   * 200 — the answer to its offer, or for an INVITE without one our offer, answered in its ACK
   * ({@link #fromSide} with {@code ANSWER}). The caller hears music until the callee side answers.
   */
  default Outcome answerCallerHere() {
    return new Outcome.Refuse(488, "Not Acceptable Here (this call's media cannot be answered by the server)");
  }

  /**
   * The standing offer for the callee side, for one more INVITE towards a possible callee (a queue
   * offers the call to agent after agent); the first to answer is passed to {@link #fromSide}.
   */
  default Outcome calleeOffer() {
    return new Outcome.Refuse(488, "Not Acceptable Here (no offer for a callee)");
  }

  /**
   * The party on {@code side} hears {@code frames} (a prompt) instead of what it hears now, one frame
   * per media clock tick, until the handle is closed; then it hears what it heard before (music while
   * Ramal serves the call alone, the other party once connected). Empty when the audio does not pass
   * through Ramal or the call's media is gone. A later change of what the leg hears (a hold, a
   * connection) replaces the frames; closing the handle then changes nothing.
   */
  default Optional<AutoCloseable> play(Side side, io.ramal.media.FrameSource frames) {
    return Optional.empty();
  }

  /** The callee answered: both sides may now hear each other. */
  void answered(Side answeredBy);

  /** The call ended: release every port and stop every player and recorder. Idempotent. */
  void close(String cause);

  /**
   * Holds ({@code hold}) or retrieves the call for the party on {@code holder}, in the media only:
   * the other party hears music on hold and the holder silence; no phone is re-INVITEd. A phone's
   * own hold is its own: refused here, and retrieved from the phone.
   */
  ControlOutcome hold(Side holder, boolean hold);

  /** Stops ({@code mute}) or resumes passing on what the party on {@code party} says; it still hears. */
  ControlOutcome mute(Side party, boolean mute);

  /**
   * Sends key presses from the party on {@code from} to the other party: RFC 4733 events where
   * that leg negotiated them, in-band tones otherwise, {@code gap} of quiet after each key.
   */
  ControlOutcome sendDigits(Side from, List<DtmfDigit> digits, Duration gap);

  /**
   * Opens a new leg that is to take the place of {@code side}'s (a transfer target, a consulted
   * party) and returns our offer to it; the current legs go on as before until {@link #rewire}
   * says otherwise. One new leg at a time.
   */
  default Outcome openNewLeg(Side side) {
    return new Outcome.Refuse(488, "Not Acceptable Here (transfers need media anchored on Ramal)");
  }

  /** The new leg's answer to our offer: negotiated ({@code Forward} with no body), or refused. */
  default Outcome newLegAnswered(byte[] answer) {
    return new Outcome.Refuse(488, "Not Acceptable Here (no new leg)");
  }

  /**
   * The new leg called us instead (a phone picking up a parked call): {@code offer} is its offer,
   * answered by {@code AnswerLocally} with our answer on the new leg's endpoint, or refused.
   */
  default Outcome newLegOffered(byte[] offer) {
    return new Outcome.Refuse(488, "Not Acceptable Here (no new leg)");
  }

  /** Who hears whom while a new leg is set up, and what becomes of it. */
  enum Wiring {
    /**
     * The party on the other side of the new leg's side hears music; the side's current party
     * hears silence (it is leaving: blind transfer).
     */
    WAITING,
    /**
     * The side's current party talks with the new leg; the other side hears music (consultation).
     */
    CONSULTING,
    /**
     * The new leg replaces the side's leg (whose endpoint closes) and talks with the other side:
     * the transfer is complete.
     */
    REPLACED,
    /** The new leg is closed; the two original parties hear each other again (holds permitting). */
    ABANDONED,
    /**
     * The parties go on talking while the new leg rings; it hears nothing until it joins the
     * conference ({@link #conference}).
     */
    JOINING
  }

  /** Applies {@code wiring} to the new leg and the call's two parties. */
  default void rewire(Wiring wiring) {}

  /**
   * Makes the call a conference, or adds to one: the answered new leg joins as participant
   * {@code key} and every party hears the mix of all the others, never itself. Recording taps
   * then get the caller's voice and what the caller hears (everyone else).
   */
  default ControlOutcome conference(String key) {
    return ControlOutcome.refused(ControlOutcome.Reason.NOT_ANCHORED, "conferences need media anchored on Ramal");
  }

  /** Participant {@code key} left the conference; with two parties left the call is a plain bridge again. */
  default void participantLeft(String key) {}

  /** The party on {@code side} left the conference; participant {@code key} takes its side. */
  default void sideTakenBy(Side side, String key) {}

  /** Stops ({@code mute}) or resumes passing on what participant {@code key} says. */
  default ControlOutcome muteParticipant(String key, boolean mute) {
    return ControlOutcome.refused(ControlOutcome.Reason.NOT_ANCHORED, "conferences need media anchored on Ramal");
  }

  /**
   * Opens the leg of a supervisor who is to listen in on the call and returns our offer to the
   * supervisor's phone; the parties go on as before. One supervisor at a time.
   */
  default Outcome openSupervisorLeg() {
    return new Outcome.Refuse(488, "Not Acceptable Here (supervision needs media anchored on Ramal)");
  }

  /**
   * The supervisor's phone answered with {@code answer}: it now hears both parties, and whoever
   * {@code mode} says hears it ({@code agent}: the side of the party coached). With {@code
   * notifyAgent}, the agent hears a short beep.
   */
  default ControlOutcome supervise(byte[] answer, SupervisionMode mode, Optional<Side> agent, boolean notifyAgent) {
    return ControlOutcome.refused(ControlOutcome.Reason.NOT_ANCHORED, "supervision needs media anchored on Ramal");
  }

  /** Switches the answered supervisor to {@code mode} during the call. */
  default ControlOutcome superviseAs(SupervisionMode mode, Optional<Side> agent) {
    return ControlOutcome.refused(ControlOutcome.Reason.NOT_ANCHORED, "supervision needs media anchored on Ramal");
  }

  /** The supervisor left (or never answered): its leg closes and the parties are a plain call again. */
  default void supervisionEnded() {}

  /**
   * Taps the call's audio (a recorder): what the caller sends is written to {@code caller}, what
   * the callee sends to {@code callee}, as PCM frames on the RTP threads, and {@code task} runs
   * on the media clock every 20 ms. Closing the handle detaches all three; so does the end of the
   * call. Empty when the audio does not pass through Ramal (direct media) or the call's media is
   * gone.
   */
  default Optional<AutoCloseable> tap(FrameSink caller, FrameSink callee, ClockTask task) {
    return Optional.empty();
  }
}
