package io.ramal.sip.transaction;

import java.time.Duration;

/** RFC 3261 §17 timer bases: T1 (RTT estimate), T2 (max non-INVITE retransmit), T4 (max network lifetime). */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {
  public static final TimerSettings RFC3261 = new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  public TimerSettings {
    if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
      throw new IllegalArgumentException("bad timer settings");
    }
  }

  /** Timer B, F, H, J for unreliable transports: 64·T1. */
  public Duration timeout() {
    return t1.multipliedBy(64);
  }
}
