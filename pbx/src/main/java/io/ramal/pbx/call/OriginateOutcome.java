package io.ramal.pbx.call;

import java.util.Objects;

/**
 * What the PBX answers to a click-to-call: started (the caller's own device is being rung; how it
 * goes is reported through the {@link CallObserver} and the CDR) or refused before anything rang.
 */
public sealed interface OriginateOutcome {

  /** The call exists and the device's INVITEs are on their way. */
  record Started(String callId) implements OriginateOutcome {
    public Started {
      Objects.requireNonNull(callId, "callId");
    }
  }

  /** Nothing was placed; {@code detail} says why, for people. */
  record Refused(Reason reason, String detail) implements OriginateOutcome {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a click-to-call was refused. */
  enum Reason {
    /** The tenant has no such extension. */
    UNKNOWN_DEVICE,
    /** The extension has no registered contact to ring. */
    DEVICE_NOT_REGISTERED,
    /** The destination is neither an extension of the tenant nor an external number. */
    UNKNOWN_DESTINATION,
    /** An external number, but the tenant has no trunk to reach it. */
    NO_ROUTE,
    /** The destination is the device itself. */
    SAME_DEVICE,
    /** No media to anchor the call on (direct media, or no RTP ports free). */
    MEDIA_UNAVAILABLE
  }

  static OriginateOutcome refused(Reason reason, String detail) {
    return new Refused(reason, detail);
  }
}
