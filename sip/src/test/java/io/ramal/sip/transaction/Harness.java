package io.ramal.sip.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One transaction layer wired to recording doubles and virtual time (RFC 3261 default timers). */
final class Harness {
  final ManualScheduler scheduler = new ManualScheduler();
  final RecordingOutbound out = new RecordingOutbound(scheduler);
  final RecordingUser user = new RecordingUser();
  final CountingObserver observer = new CountingObserver();
  final TransactionLayer layer = new TransactionLayer(out, scheduler, TimerSettings.RFC3261, user, observer);

  void advance(double seconds) {
    scheduler.advance(seconds(seconds));
  }

  void advanceTo(double seconds) {
    scheduler.advanceTo(seconds(seconds));
  }

  static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  static List<Duration> times(double... seconds) {
    List<Duration> out = new ArrayList<>();
    for (double s : seconds) out.add(seconds(s));
    return out;
  }
}
