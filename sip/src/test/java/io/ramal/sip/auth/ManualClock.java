package io.ramal.sip.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that only moves when a test says so. */
final class ManualClock implements InstantSource {

  private Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  ManualClock() {
    this(Instant.parse("2026-01-15T09:00:00Z"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration step) {
    now = now.plus(step);
  }
}
