package io.ramal.sip.transaction;

import java.time.Duration;

/** RFC 3261 §17 timer bases: T1 (RTT estimate), T2 (max non-INVITE retransmit), T4 (max network lifetime). */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {
  public static final TimerSettings RFC3261 = new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  /** Timer D for unreliable transports: "at least 32 seconds" (RFC 3261 §17.1.1.2). */
  private static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);

  public TimerSettings {
    if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
      throw new IllegalArgumentException("bad timer settings");
    }
  }

  /** Timer B, F, H, J for unreliable transports: 64·T1. */
  public Duration timeout() {
    return t1.multipliedBy(64);
  }

  /** Timer D: how long a completed INVITE client transaction absorbs final response retransmissions. */
  public Duration timerD(boolean reliable) {
    return reliable ? Duration.ZERO : TIMER_D_UNRELIABLE;
  }

  /** Timer I: how long a confirmed INVITE server transaction absorbs ACK retransmissions. */
  public Duration timerI(boolean reliable) {
    return reliable ? Duration.ZERO : t4;
  }

  /** Timer J: how long a completed non-INVITE server transaction answers request retransmissions. */
  public Duration timerJ(boolean reliable) {
    return reliable ? Duration.ZERO : timeout();
  }

  /** Timer K: how long a completed non-INVITE client transaction absorbs response retransmissions. */
  public Duration timerK(boolean reliable) {
    return reliable ? Duration.ZERO : t4;
  }
}
