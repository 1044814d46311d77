package io.ramal.pbx.call;

import io.ramal.pbx.media.CallMedia.Side;
import java.time.Instant;
import java.util.Optional;

/**
 * A transfer or consultation under way on one call: which side's party is being replaced, by
 * whom, and how far it got. One at a time per call; the call's shard owns it.
 */
final class Transfer {
  enum Kind {
    /** Through the API: the transferring party is released at once, the other hears music. */
    BLIND,
    /**
     * The transferring phone sent a REFER: it stays in its dialog, told by NOTIFY how the target
     * answers, and comes back to the call if the target does not.
     */
    REFER,
    /** The side's party holds the call and talks with the new leg; complete or cancel follows. */
    CONSULTATION,
    /**
     * The transferring phone sent a REFER with Replaces naming its dialog in another of our calls
     * ({@link ReplacesJoin}): that call's other party takes this side's place, told by NOTIFY.
     */
    REFER_REPLACES
  }

  final Kind kind;
  /** The side whose party transfers or consults (the new leg takes this side's place). */
  final Side side;
  /** The transferring or consulting party. */
  final String transferor;
  final String target;
  final boolean external;
  final CallRecord.Direction direction;
  /** The consultation's own call id (consultations only). */
  final Optional<String> consultCallId;
  final Instant startedAt;
  /** The leg of the transferring party (for REFER: where the NOTIFYs go). */
  final Leg transferorLeg;
  LegDialer dialer;
  /** The new leg, once it answered. */
  Leg newLeg;
  Instant answeredAt;
  /** Whether the consultation put the call on hold itself (and so retrieves it on cancel). */
  boolean heldByConsultation;
  /** Sequence of the NOTIFY subscription of a REFER (its CSeq is the dialog's). */
  boolean referTerminated;

  Transfer(Kind kind, Side side, String transferor, String target, boolean external, CallRecord.Direction direction,
      Optional<String> consultCallId, Instant startedAt, Leg transferorLeg) {
    this.kind = kind;
    this.side = side;
    this.transferor = transferor;
    this.target = target;
    this.external = external;
    this.direction = direction;
    this.consultCallId = consultCallId;
    this.startedAt = startedAt;
    this.transferorLeg = transferorLeg;
  }
}
