package io.ramal.sip.transaction;

import java.time.Duration;

/**
 * Runs tasks later on the same serial executor as the caller (one writer per transaction). Tests
 * use a manual implementation that advances virtual time.
 */
public interface Scheduler {
  Cancellable schedule(Duration delay, Runnable task);

  @FunctionalInterface
  interface Cancellable {
    void cancel();

    Cancellable NONE = () -> {};
  }
}
