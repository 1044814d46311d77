package io.ramal.pbx.call;

import java.util.Objects;
import java.util.Optional;

/**
 * A conference command on an answered call, on behalf of one of its parties ({@code party}: a
 * number as the CTI layer names parties). Destinations are routed before the command reaches the
 * call's shard.
 */
public sealed interface ConferenceCommand {
  String party();

  /**
   * {@code party} joins its consultation ({@code consultCallId}, or the one it has) with the held
   * call: the three parties talk together.
   */
  record Merge(String party, Optional<String> consultCallId) implements ConferenceCommand {
    public Merge {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(consultCallId, "consultCallId");
    }
  }

  /** {@code target} is called and, when it answers, joins the conversation. */
  record Add(String party, String target, Destination destination) implements ConferenceCommand {
    public Add {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /** {@code party} is hung up; the others go on (a two-party call simply ends). */
  record Drop(String party) implements ConferenceCommand {
    public Drop {
      Objects.requireNonNull(party, "party");
    }
  }
}
