package io.ramal.pbx.media;

import io.ramal.media.relay.RtpSession;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.ControlOutcome.Reason;
import io.ramal.sip.sdp.Acceptance;
import io.ramal.sip.sdp.AudioCapabilities;
import io.ramal.sip.sdp.OfferAnswer;
import io.ramal.sip.sdp.SdpParseResult;
import io.ramal.sip.sdp.SessionDescription;
import java.util.Optional;

/**
 * A supervisor's leg on a call (listen, whisper, barge): offered to the supervisor's phone, then
 * seated in the call's {@link ConferenceSeats} once that phone answers, where its
 * {@link SupervisionSeat} sets who hears it, until the supervision ends. At most one per call.
 * The call decides when the mixer starts and stops around it.
 *
 * <p>Threads: no locks, as in the call. The leg and the seat are confined to the call's shard
 * (every method runs there); the supervisor's {@link LegMedia.Seat} is volatile for its
 * endpoint's listener, and the mixer participant it gets is safe from any thread on its own.
 */
final class SupervisorLeg {
  /** From our offer until the supervision ends (null: none). */
  private LegMedia leg;
  /** Its seat in the mixer once its phone answered (null: not seated). */
  private SupervisionSeat seat;

  /** Whether a supervisor's leg exists (offered, perhaps seated). */
  boolean present() {
    return leg != null;
  }

  /** Whether the supervisor sits in the mixer. */
  boolean seated() {
    return seat != null;
  }

  /** Whether a leg was offered and its phone has not answered yet. */
  boolean waiting() {
    return leg != null && seat == null;
  }

  /** {@code offered} is the supervisor's leg from now on (our offer went to its phone). */
  void offered(LegMedia offered) {
    leg = offered;
  }

  /** The supervisor's phone answered our offer: the leg's session is agreed, or why it is not. */
  Optional<ControlOutcome> answered(byte[] answer, AudioCapabilities capabilities) {
    SessionDescription sdp;
    switch (SessionDescription.parse(answer)) {
      case SdpParseResult.Parsed p -> sdp = p.description();
      case SdpParseResult.Malformed m -> {
        return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, "malformed SDP: " + m.reason()));
      }
    }
    switch (OfferAnswer.accept(leg.lastOffer, sdp, capabilities)) {
      case Acceptance.Unusable u -> {
        return Optional.of(ControlOutcome.refused(Reason.INVALID_ARGUMENT, u.reason()));
      }
      case Acceptance.Agreed a -> {
        leg.endpoint.negotiate(RtpSession.of(a.audio()));
        leg.negotiated = true;
        leg.awaitingAnswer = false;
      }
    }
    return Optional.empty();
  }

  /** The supervisor takes a seat in the (open) mixer; {@link #apply} then sets who hears it. */
  void sit(ConferenceSeats seats, SupervisionMode mode, Optional<Side> agent) {
    seats.seat(leg, false);
    seat = new SupervisionSeat(leg.participant, mode, agent);
  }

  /** Who hears the seated supervisor follows {@code mode}; the two sides being {@code caller} and {@code callee}. */
  void apply(SupervisionMode mode, Optional<Side> agent, LegMedia caller, LegMedia callee) {
    seat.apply(mode, agent, caller.participant, callee.participant);
  }

  /**
   * The supervision ended: the leg is forgotten, leaves the mixer and closes (nothing once the call
   * has ended: {@link #close()} forgot the leg). True when it had been seated (the mixer may have
   * nobody left beyond the sides).
   */
  boolean end(ConferenceSeats seats) {
    LegMedia gone = leg;
    boolean wasSeated = seat != null;
    leg = null;
    seat = null;
    if (gone == null) return false;
    seats.unseat(gone);
    gone.endpoint.close();
    return wasSeated;
  }

  /** The call ended: the leg closes (the mixer stops with the call). */
  void close() {
    if (leg != null) leg.endpoint.close();
    leg = null;
    seat = null;
  }
}
