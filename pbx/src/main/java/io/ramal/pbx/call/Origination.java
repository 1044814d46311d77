package io.ramal.pbx.call;

import java.util.ArrayList;
import java.util.List;

/**
 * A click-to-call being set up: the call, where it goes, and which step it is in. The device's
 * INVITEs (one per registered contact) are kept apart from {@link Call#forks}, which are the
 * destination's, so that the {@link B2bua} finds the call as it expects once it adopts it.
 */
final class Origination {
  /** The two steps of RFC 3725 third-party call control. */
  enum Step {
    /** The caller's own device rings. */
    RINGING_DEVICE,
    /** The device answered; the destination is being called. */
    CALLING_DESTINATION
  }

  final Call call;
  final Destination destination;
  final List<Fork> deviceForks = new ArrayList<>();
  Step step = Step.RINGING_DEVICE;

  Origination(Call call, Destination destination) {
    this.call = call;
    this.destination = destination;
  }
}
