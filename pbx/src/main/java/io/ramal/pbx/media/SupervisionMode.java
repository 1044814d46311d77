package io.ramal.pbx.media;

import io.ramal.pbx.media.CallMedia.Side;
import java.util.Locale;
import java.util.Optional;

/**
 * How a supervisor takes part in a call (the Meetip "999" channel's listen, whisper and barge).
 * The supervisor always hears both parties; the modes differ in who hears the supervisor, and
 * the two parties always hear each other as before.
 */
public enum SupervisionMode {
  /** Nobody hears the supervisor (silent monitoring). */
  LISTEN,
  /** Only the agent being coached hears the supervisor; the customer does not. */
  WHISPER,
  /** Everyone hears everyone, as in a three-party conference. */
  BARGE;

  /**
   * Whether the party on {@code party} hears the supervisor in this mode, {@code agent} being
   * the side of the party coached (needed for {@link #WHISPER}; without it nobody hears a whisper).
   */
  public boolean heardBy(Side party, Optional<Side> agent) {
    return switch (this) {
      case LISTEN -> false;
      case WHISPER -> agent.isPresent() && agent.get() == party;
      case BARGE -> true;
    };
  }

  /** Whether this mode needs to know who the agent is. */
  public boolean needsAgent() {
    return this == WHISPER;
  }

  /** The name in the API and events: {@code listen}, {@code whisper}, {@code barge}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SupervisionMode> fromWireName(String name) {
    for (SupervisionMode mode : values()) {
      if (mode.wireName().equals(name)) return Optional.of(mode);
    }
    return Optional.empty();
  }
}
