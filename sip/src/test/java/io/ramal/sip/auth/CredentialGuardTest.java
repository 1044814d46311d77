package io.ramal.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialGuardTest {

  private static final String ATTACKER = "198.51.100.7";
  private static final String PHONE = "192.0.2.10";
  private static final String USER = "acme/1001";

  private final ManualClock clock = new ManualClock();
  private final CredentialGuard guard = new CredentialGuard(clock);

  private void fail(String source, String user, int times) {
    for (int i = 0; i < times; i++) {
      guard.recordFailure(source, user);
    }
  }

  @Test
  void blocksSourceAfterMoreThanLimitFailures() {
    fail(ATTACKER, USER, 10);
    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.ALLOW);

    fail(ATTACKER, USER, 1);

    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.BLOCKED_SOURCE);
    assertThat(guard.check(ATTACKER, "acme/1002")).isEqualTo(GuardDecision.BLOCKED_SOURCE);
    assertThat(guard.blockedSourceCount()).isEqualTo(1);
  }

  @Test
  void unblocksSourceAfterBlockDuration() {
    fail(ATTACKER, USER, 11);

    clock.advance(Duration.ofMinutes(10).minusSeconds(1));
    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.BLOCKED_SOURCE);

    clock.advance(Duration.ofSeconds(1));
    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.ALLOW);
    assertThat(guard.blockedSourceCount()).isZero();
  }

  @Test
  void startsCountingAfreshAfterBlock() {
    fail(ATTACKER, USER, 11);
    clock.advance(Duration.ofMinutes(10));

    fail(ATTACKER, USER, 10);

    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.ALLOW);
  }

  @Test
  void leavesOtherSourcesUnaffected() {
    fail(ATTACKER, "acme/9999", 11);

    assertThat(guard.check(PHONE)).isEqualTo(GuardDecision.ALLOW);
    assertThat(guard.check(PHONE, USER)).isEqualTo(GuardDecision.ALLOW);
  }

  @Test
  void forgetsFailuresOutsideWindow() {
    fail(ATTACKER, USER, 10);
    clock.advance(Duration.ofSeconds(60));

    fail(ATTACKER, USER, 10);

    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.ALLOW);
  }

  @Test
  void countsFailuresInSlidingWindow() {
    fail(ATTACKER, USER, 6);
    clock.advance(Duration.ofSeconds(40));
    fail(ATTACKER, USER, 4);
    clock.advance(Duration.ofSeconds(40));
    fail(ATTACKER, USER, 6);
    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.ALLOW);

    fail(ATTACKER, USER, 1);

    assertThat(guard.check(ATTACKER)).isEqualTo(GuardDecision.BLOCKED_SOURCE);
  }

  @Test
  void successResetsSourceCount() {
    fail(PHONE, USER, 10);
    guard.recordSuccess(PHONE, USER);

    fail(PHONE, USER, 10);

    assertThat(guard.check(PHONE, USER)).isEqualTo(GuardDecision.ALLOW);
  }

  @Test
  void throttlesAttackedUserButNotItsRecentlySuccessfulPhone() {
    guard.recordSuccess(PHONE, USER);
    for (int i = 0; i < 21; i++) {
      guard.recordFailure("203.0.113." + i, USER);
    }

    assertThat(guard.check("203.0.113.200", USER)).isEqualTo(GuardDecision.THROTTLED_USER);
    assertThat(guard.check("203.0.113.200", "acme/1002")).isEqualTo(GuardDecision.ALLOW);
    assertThat(guard.check(PHONE, USER)).isEqualTo(GuardDecision.ALLOW);
  }

  @Test
  void liftsUserThrottleAfterItsDuration() {
    for (int i = 0; i < 21; i++) {
      guard.recordFailure("203.0.113." + i, USER);
    }
    assertThat(guard.check("203.0.113.200", USER)).isEqualTo(GuardDecision.THROTTLED_USER);

    clock.advance(Duration.ofMinutes(10));

    assertThat(guard.check("203.0.113.200", USER)).isEqualTo(GuardDecision.ALLOW);
  }

  @Test
  void stopsTrustingPhoneThatHasNotSucceededRecently() {
    guard.recordSuccess(PHONE, USER);
    clock.advance(Duration.ofHours(2));
    for (int i = 0; i < 21; i++) {
      guard.recordFailure("203.0.113." + i, USER);
    }

    assertThat(guard.check(PHONE, USER)).isEqualTo(GuardDecision.THROTTLED_USER);
  }

  @Test
  void boundsMemoryUnderScanFromManyAddresses() {
    GuardPolicy small =
        new GuardPolicy(
            2,
            Duration.ofSeconds(60),
            Duration.ofMinutes(10),
            100,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofHours(2),
            50,
            4);
    CredentialGuard bounded = new CredentialGuard(small, clock);
    bounded.recordFailure(ATTACKER, USER);
    bounded.recordFailure(ATTACKER, USER);
    bounded.recordFailure(ATTACKER, USER);

    for (int i = 0; i < 10_000; i++) {
      String source = "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
      bounded.recordFailure(source, "acme/" + i);
      bounded.recordSuccess(source, "acme/" + i);
    }

    assertThat(bounded.trackedEntryCount()).isLessThanOrEqualTo(5 * 50);
    assertThat(bounded.check(ATTACKER)).isEqualTo(GuardDecision.BLOCKED_SOURCE);
  }

  @Test
  void prunesExpiredEntries() {
    fail(ATTACKER, USER, 11);
    guard.recordSuccess(PHONE, USER);
    assertThat(guard.trackedEntryCount()).isPositive();

    clock.advance(Duration.ofHours(3));

    assertThat(guard.trackedEntryCount()).isZero();
  }
}
