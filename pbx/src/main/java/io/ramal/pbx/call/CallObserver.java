package io.ramal.pbx.call;

import io.ramal.pbx.media.HoldOrigin;
import io.ramal.pbx.media.SupervisionMode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The telephony facts of calls, as the B2BUA learns them, for whoever turns them into CTI events.
 * Called on the call's shard, in the order things happened; implementations must not block (hand
 * the fact to a queue). Every method has a no-op default.
 */
public interface CallObserver {
  CallObserver NONE = new CallObserver() {};

  /** A call was accepted and routed; its INVITEs towards the callee are being sent. */
  default void offered(Offer offer) {}

  /**
   * Ramal placed a click-to-call ({@link Originator}): it rings the caller's own device first. The
   * offer's caller is that device, its callee the destination, which is called only once the
   * device answers ({@link #originatorAnswered}, then {@link #destinationCalled}). Ringing of the
   * own device is not reported: for the integrator the call is being originated until it answers.
   */
  default void originated(Offer offer) {}

  /** The caller's own device answered a click-to-call. */
  default void originatorAnswered(String tenantId, String callId, Instant at) {}

  /**
   * The destination of a click-to-call is being called ({@code callee}, an extension or, for an
   * outbound call, an external number); {@link #alerting}, {@link #answered} and {@link #ended}
   * follow as for any call.
   */
  default void destinationCalled(String tenantId, String callId, CallRecord.Direction direction, String callee,
      Instant at) {}

  /** The callee side rings (the first 180 or 183 of the call). */
  default void alerting(String tenantId, String callId, Instant at) {}

  /** The callee answered. */
  default void answered(String tenantId, String callId, Instant at) {}

  /**
   * A party put the call on hold ({@code held} true) or took it off hold, from its phone or by the
   * server on a command ({@code origin}; for a retrieve, the origin of the hold that ended).
   */
  default void holdChanged(String tenantId, String callId, boolean byCaller, boolean held, HoldOrigin origin,
      Instant at) {}

  /** The server stopped ({@code muted} true) or resumed passing on what a party says. */
  default void muteChanged(String tenantId, String callId, boolean caller, boolean muted, Instant at) {}

  /** A DTMF digit from one party. */
  default void digit(String tenantId, String callId, boolean fromCaller, char digit, Instant at) {}

  /** Recording {@code recordingId} of the call began (by API or by a policy of {@code always}). */
  default void recordingStarted(String tenantId, String callId, String recordingId, Instant at) {}

  /** The recording was paused: silence is written until it resumes. */
  default void recordingPaused(String tenantId, String callId, String recordingId, Instant at) {}

  default void recordingResumed(String tenantId, String callId, String recordingId, Instant at) {}

  /**
   * The recording ended; its files are finished afterwards ({@code reason}: {@code api},
   * {@code call ended}, or {@code failed: ...}). Reported before the call's end when the call ends.
   */
  default void recordingStopped(String tenantId, String callId, String recordingId, String reason, Instant at) {}

  /**
   * The party on one side ({@code leaverIsCaller}: the caller's) transferred the call and left it.
   * Blind ({@code consultCallId} empty): {@code target} is being or was called on that side (see
   * {@link #newLegCalled}). Attended: the consulted party of consultation {@code consultCallId}
   * takes the leaver's place and the consultation call ends.
   */
  default void transferred(String tenantId, String callId, boolean leaverIsCaller, String target, boolean targetExternal,
      Optional<String> consultCallId, Instant at) {}

  /**
   * A consultation began: the party on one side ({@code consulterIsCaller}) holds the call and
   * talks in consultation call {@code consultCallId} with whoever {@link #newLegCalled} reaches.
   */
  default void consultationStarted(String tenantId, String callId, String consultCallId, boolean consulterIsCaller,
      String consulter, String target, CallRecord.Direction direction, Instant at) {}

  /** The consultation ended without a transfer (cancelled, or its target failed or hung up). */
  default void consultationEnded(String tenantId, String callId, String consultCallId, CallRecord.Disposition disposition,
      String cause, Instant at) {}

  /**
   * A new leg towards {@code target} is being called for one side of the call ({@code callerSide})
   * or, during a consultation, for the consultation call: a transfer target or a consulted party.
   */
  default void newLegCalled(String tenantId, String callId, boolean callerSide, String target, boolean external,
      Instant at) {}

  default void newLegAlerting(String tenantId, String callId, Instant at) {}

  /** The new leg answered: for a blind transfer it now is the side's party. */
  default void newLegAnswered(String tenantId, String callId, Instant at) {}

  /** The new leg was not answered, refused, or cancelled before it answered. */
  default void newLegFailed(String tenantId, String callId, CallRecord.Disposition disposition, String cause, Instant at) {}

  /**
   * The call became a conference, or grew: participant {@code participantKey} joined it on the
   * request of the party on one side ({@code byCaller}). With {@code consultCallId}, it is the
   * consulted party of that consultation, which ends merged into this call; without, it is the
   * new leg being called ({@link #newLegCalled}), which has just answered.
   */
  default void conferenced(String tenantId, String callId, boolean byCaller, String participantKey,
      Optional<String> consultCallId, Instant at) {}

  /** Participant {@code participantKey} (not one of the two sides) left the conference. */
  default void participantLeft(String tenantId, String callId, String participantKey, Instant at) {}

  /**
   * The party on one side ({@code callerSide}) left the conference and participant
   * {@code participantKey} is that side's party from now on.
   */
  default void sideTakenBy(String tenantId, String callId, boolean callerSide, String participantKey, Instant at) {}

  /** The server stopped or resumed passing on what participant {@code participantKey} says. */
  default void participantMuteChanged(String tenantId, String callId, String participantKey, boolean muted,
      Instant at) {}

  /**
   * Ramal answered the call for {@code queue} (a DID leads there, or another queue overflowed to
   * it): the caller hears music and waits for an agent.
   */
  default void queued(String tenantId, String callId, String queue, String callerNumber, String callerName,
      Instant at) {}

  /**
   * Device {@code device} is being called for a caller waiting in a queue: an offer of the queue,
   * or ({@code sentOn}) the caller sent on out of the queue to that extension or number.
   */
  default void queueOfferCalled(String tenantId, String callId, String device, boolean sentOn, Instant at) {}

  default void queueOfferAlerting(String tenantId, String callId, String device, Instant at) {}

  /** {@code device} answered: it is the call's callee party from now on. */
  default void queueOfferAnswered(String tenantId, String callId, String device, boolean sentOn, Instant at) {}

  /**
   * The call to {@code device} ended unanswered: it failed with SIP {@code status}, or the queue
   * {@code withdrawn} it (another device answered, its ring time ran out, the caller left).
   */
  default void queueOfferEnded(String tenantId, String callId, String device, int status, boolean withdrawn,
      Instant at) {}

  /** A call that was answered for a queue ended (the caller left, or after talking with an agent). */
  default void queueCallEnded(String tenantId, String callId, Instant at) {}

  /**
   * {@code parker} parked the call in {@code slot} (its leg is gone, announced by {@link #transferred}
   * to the slot); {@code parked} waits there with music on hold.
   */
  default void parked(String tenantId, String callId, String slot, String parked, String parker, Instant at) {}

  /**
   * {@code by} took the call back from {@code slot} (its new leg was reported answered just before);
   * {@code ringBack}: it was the parker's phone, rung when the park timeout passed.
   */
  default void pickedUp(String tenantId, String callId, String slot, String by, boolean ringBack, Instant at) {}

  /**
   * Supervisor {@code supervisor} (a device) answered and takes part in the call as {@code mode}
   * says; {@code agent} is the party coached, if named ({@code notified}: it heard a beep).
   */
  default void supervisionStarted(String tenantId, String callId, String supervisionId, String supervisor,
      SupervisionMode mode, Optional<String> agent, boolean notified, Instant at) {}

  /** The supervision switched to {@code mode} during the call. */
  default void supervisionModeChanged(String tenantId, String callId, String supervisionId, SupervisionMode mode,
      Optional<String> agent, Instant at) {}

  /**
   * The supervision ended ({@code cause}: {@code stopped} through the API, {@code supervisor_hung_up},
   * {@code call_ended}, or {@code not_answered} when the supervisor's phone never answered;
   * {@code detail} says more, such as the SIP status).
   */
  default void supervisionEnded(String tenantId, String callId, String supervisionId, String cause, String detail,
      Instant at) {}

  /** The call ended, answered or not; the record says how. */
  default void ended(CallRecord record) {}

  /**
   * A new call.
   *
   * @param callerNumber the caller's extension (internal, outbound) or caller id (inbound)
   * @param callee       the extension or external number dialled (after DID translation)
   * @param routed       whether the call goes anywhere (false: it is refused at once, for example 404)
   */
  record Offer(
      String tenantId, String callId, CallRecord.Direction direction, String callerNumber, String callerName,
      String callee, boolean routed, Instant at) {
    public Offer {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(callerNumber, "callerNumber");
      Objects.requireNonNull(callerName, "callerName");
      Objects.requireNonNull(callee, "callee");
      Objects.requireNonNull(at, "at");
    }
  }
}
