package io.ramal.sip.transaction;

import java.time.Duration;

/** One named timer of a transaction: setting it again replaces the pending task. */
final class TimerSlot {
  private final Scheduler scheduler;
  private Scheduler.Cancellable pending = Scheduler.Cancellable.NONE;

  TimerSlot(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void set(Duration delay, Runnable task) {
    pending.cancel();
    pending = scheduler.schedule(delay, task);
  }

  void cancel() {
    pending.cancel();
    pending = Scheduler.Cancellable.NONE;
  }
}
