package io.ramal.pbx.call;

import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.sip.transaction.Scheduler;

/**
 * A call while it is parked: the side whose party parked it (its leg is gone, the other party
 * hears music), the slot it waits in, and the leg being rung to take it back, if any. The call's
 * shard owns it.
 */
final class Park {
  /** Why a new leg is being rung for the parked call. */
  enum Ringing { PICKUP, RING_BACK }

  final ParkingLot.Slot slot;
  /** The side the parker was on, which the picking-up party takes. */
  final Side side;
  /** Our offer for the new leg, made when the call was parked. */
  final byte[] offer;
  Scheduler.Cancellable timer = Scheduler.Cancellable.NONE;
  LegDialer dialer;
  Ringing ringing;
  String ringingTarget;

  Park(ParkingLot.Slot slot, Side side, byte[] offer) {
    this.slot = slot;
    this.side = side;
    this.offer = offer;
  }
}
