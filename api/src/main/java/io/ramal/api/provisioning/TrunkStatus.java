package io.ramal.api.provisioning;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a trunk's registration with its provider stands, as the PBX sees it now.
 *
 * @param state       {@code registering}, {@code registered}, {@code failed}, {@code unregistering} or {@code unregistered}
 * @param expires     when the provider's binding runs out (while registered)
 * @param lastError   why the last attempt failed, while failing
 * @param nextAttempt when the next REGISTER goes out (refresh or retry)
 */
public record TrunkStatus(String state, Optional<Instant> expires, Optional<String> lastError,
        Optional<Instant> nextAttempt) {

    public TrunkStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }
}
