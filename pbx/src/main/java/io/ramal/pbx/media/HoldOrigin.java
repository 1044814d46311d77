package io.ramal.pbx.media;

/** Who holds a leg's party on hold. */
public enum HoldOrigin {
  /** The phone itself: its re-offer said {@code sendonly} or {@code inactive}. */
  PHONE,
  /** Ramal, on a hold command: the phone knows nothing of it. */
  SERVER
}
