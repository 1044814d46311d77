package io.ramal.sip.transaction;

import java.time.Duration;

/**
 * Repeats a send with a doubling interval capped at a maximum: Timers A (cap 64·T1, that is none
 * before Timer B), E and G (cap T2), and the 2xx retransmissions of RFC 3261 §13.3.1.4.
 */
final class Retransmitter {
  private final TimerSlot slot;
  private final Runnable resend;
  private Duration interval = Duration.ZERO;
  private Duration cap = Duration.ZERO;
  private boolean running;

  Retransmitter(Scheduler scheduler, Runnable resend) {
    this.slot = new TimerSlot(scheduler);
    this.resend = resend;
  }

  void start(Duration first, Duration cap) {
    this.interval = first;
    this.cap = cap;
    this.running = true;
    slot.set(interval, this::fire);
  }

  /** From the next firing on, repeat every cap (Timer E in Proceeding is reset to T2). */
  void holdAtCap() {
    interval = cap;
  }

  void stop() {
    running = false;
    slot.cancel();
  }

  private void fire() {
    if (!running) return;
    resend.run();
    if (!running) return;
    Duration doubled = interval.multipliedBy(2);
    interval = doubled.compareTo(cap) > 0 ? cap : doubled;
    slot.set(interval, this::fire);
  }
}
