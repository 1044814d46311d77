package io.ramal.sip.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How long nonces live and how many of them the replay check remembers.
 *
 * @param lifetime age after which a nonce is stale (the client is challenged again with {@code
 *     stale=TRUE}); default 5 minutes
 * @param maxTrackedNonces how many used nonces are remembered for replay protection; default
 *     10,000. When full, the oldest is forgotten and every nonce issued no later than it is
 *     answered as stale from then on, so forgetting never re-opens a replay.
 */
public record NoncePolicy(Duration lifetime, int maxTrackedNonces) {

  public NoncePolicy {
    Objects.requireNonNull(lifetime, "lifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive");
    }
    if (maxTrackedNonces < 1) {
      throw new IllegalArgumentException("maxTrackedNonces must be positive");
    }
  }

  public static NoncePolicy defaults() {
    return new NoncePolicy(Duration.ofMinutes(5), 10_000);
  }
}
