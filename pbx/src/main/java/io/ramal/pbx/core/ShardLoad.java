package io.ramal.pbx.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far behind one shard is: the inbound messages waiting for it and how long the last one it
 * picked up had waited. Written by the transport threads (enqueue) and the shard thread (start);
 * read by the transport threads to decide whether new work is refused. Times are
 * {@code System.nanoTime()}-style readings passed in by the caller.
 */
public final class ShardLoad {
  private final OverloadPolicy policy;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile long lastWaitNanos;

  public ShardLoad(OverloadPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A message was queued for the shard. */
  public void enqueued() {
    waiting.incrementAndGet();
  }

  /** The shard picked up a message queued at {@code enqueuedAt}. */
  public void started(long enqueuedAt, long now) {
    waiting.decrementAndGet();
    lastWaitNanos = Math.max(0, now - enqueuedAt);
  }

  /** Whether new out-of-dialog requests should be refused now. */
  public boolean overloaded() {
    int queued = waiting.get();
    return queued > policy.maxQueued() || (queued > 0 && lastWaitNanos > policy.maxDelay().toNanos());
  }

  public int waiting() {
    return waiting.get();
  }

  public OverloadPolicy policy() {
    return policy;
  }
}
