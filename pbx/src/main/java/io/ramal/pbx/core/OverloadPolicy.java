package io.ramal.pbx.core;

import java.time.Duration;
import java.util.Objects;

/**
 * When a shard is overloaded and what new work is told (RFC 3261 §21.5.4 503 + Retry-After).
 * A shard counts as overloaded while more than {@code maxQueued} inbound messages wait for it,
 * or while the last message it picked up had waited longer than {@code maxDelay} and others
 * still wait (a queue-delay target in the spirit of CoDel: a deep but fast-moving queue is fine,
 * a standing one is not). New out-of-dialog requests then get a stateless 503 with
 * {@code Retry-After} at the front door; in-dialog requests, ACK, CANCEL and responses are always
 * let through because they finish work already accepted.
 */
public record OverloadPolicy(int maxQueued, Duration maxDelay, Duration retryAfter) {
  public static final OverloadPolicy DEFAULTS = new OverloadPolicy(5_000, Duration.ofMillis(250), Duration.ofSeconds(5));

  public OverloadPolicy {
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (maxQueued < 1) throw new IllegalArgumentException("maxQueued must be at least 1");
    if (maxDelay.isNegative() || maxDelay.isZero()) throw new IllegalArgumentException("maxDelay must be positive");
    if (retryAfter.isNegative()) throw new IllegalArgumentException("retryAfter must not be negative");
  }
}
