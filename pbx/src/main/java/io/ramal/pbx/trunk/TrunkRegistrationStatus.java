package io.ramal.pbx.trunk;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a trunk's registration stands, for the admin API.
 *
 * @param expires     when the provider's binding runs out (while registered)
 * @param lastError   why the last attempt failed (the provider's status line, "timeout", …), while failing
 * @param nextAttempt when the next REGISTER goes out: the refresh while registered, the retry after a failure
 */
public record TrunkRegistrationStatus(State state, Optional<Instant> expires, Optional<String> lastError,
    Optional<Instant> nextAttempt) {

  public enum State {
    /** A REGISTER is on its way (first attempt, a change, or a retry). */
    REGISTERING,
    /** The provider holds our binding. */
    REGISTERED,
    /** The last attempt failed; another follows at {@code nextAttempt}. */
    FAILED,
    /** The binding is being removed (Expires: 0): the trunk was deleted or stopped registering. */
    UNREGISTERING,
    /** Nothing is registered and nothing more is sent. */
    UNREGISTERED
  }

  public TrunkRegistrationStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(nextAttempt, "nextAttempt");
  }

  static TrunkRegistrationStatus of(State state) {
    return new TrunkRegistrationStatus(state, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean registered() {
    return state == State.REGISTERED;
  }
}
