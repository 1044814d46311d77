package io.ramal.pbx.call;

import java.time.Duration;
import java.util.Objects;

/**
 * A command on the media of a live call, on behalf of one of its parties: the caller's number or
 * the callee's (the extension, or the external number, as the CTI layer shows the party).
 */
public sealed interface PartyCommand {
  /** The party the command acts for. */
  String party();

  /** The party holds the call ({@code hold}: the other party hears music) or retrieves it. */
  record Hold(String party, boolean hold) implements PartyCommand {
    public Hold {
      Objects.requireNonNull(party, "party");
    }
  }

  /** What the party says stops ({@code mute}) or resumes reaching the other party. */
  record Mute(String party, boolean mute) implements PartyCommand {
    public Mute {
      Objects.requireNonNull(party, "party");
    }
  }

  /**
   * The party "presses" {@code digits} ({@code 0-9 * # A-D}): the other party hears them, each
   * for {@code duration}, with {@code gap} of quiet after it. Unusable values are refused with
   * {@code INVALID_ARGUMENT}, not thrown.
   */
  record SendDigits(String party, String digits, Duration duration, Duration gap) implements PartyCommand {
    public static final int MAX_DIGITS = 64;
    public static final Duration SHORTEST = Duration.ofMillis(40);
    public static final Duration LONGEST = Duration.ofMillis(2000);

    public SendDigits {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(digits, "digits");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(gap, "gap");
    }
  }
}
