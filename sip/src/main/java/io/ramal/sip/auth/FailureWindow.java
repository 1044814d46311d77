package io.ramal.sip.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Times of the most recent failures of one key, in a ring of fixed size: enough to tell whether
 * more than {@code capacity - 1} of them fall within a sliding window. Not thread-safe.
 */
final class FailureWindow {

  private final long[] epochMillis;
  private int oldest;
  private int size;

  FailureWindow(int capacity) {
    this.epochMillis = new long[capacity];
  }

  /**
   * Adds a failure at {@code now}, dropping those that left {@code window} and, when full, the
   * oldest; returns how many remain within the window.
   */
  int record(Instant now, Duration window) {
    long nowMillis = now.toEpochMilli();
    long horizon = nowMillis - window.toMillis();
    while (size > 0 && epochMillis[oldest] <= horizon) {
      dropOldest();
    }
    if (size == epochMillis.length) {
      dropOldest();
    }
    epochMillis[(oldest + size) % epochMillis.length] = nowMillis;
    size++;
    return size;
  }

  /** Whether the newest failure has left {@code window} at {@code now}. */
  boolean isOver(Instant now, Duration window) {
    if (size == 0) {
      return true;
    }
    long newest = epochMillis[(oldest + size - 1) % epochMillis.length];
    return newest <= now.toEpochMilli() - window.toMillis();
  }

  private void dropOldest() {
    oldest = (oldest + 1) % epochMillis.length;
    size--;
  }
}
