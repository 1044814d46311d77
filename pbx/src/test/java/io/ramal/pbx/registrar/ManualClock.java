package io.ramal.pbx.registrar;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
final class ManualClock implements InstantSource {
  private Instant now = Instant.parse("2026-11-21T12:00:00Z");

  @Override
  public Instant instant() {
    return now;
  }

  void advance(Duration d) {
    now = now.plus(d);
  }
}
