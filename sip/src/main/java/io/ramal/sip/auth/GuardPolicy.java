package io.ramal.sip.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for {@link CredentialGuard}.
 *
 * @param sourceFailureLimit failures a source may have within {@code sourceWindow}; the next one
 *     blocks it (default 10, at most {@value #MAX_FAILURE_LIMIT})
 * @param sourceWindow sliding window for counting a source's failures (default 60 s)
 * @param sourceBlock how long a source stays blocked (default 10 min)
 * @param userFailureLimit failures one user name may collect from all sources within {@code
 *     userWindow}; the next one throttles it (default 20, at most {@value #MAX_FAILURE_LIMIT})
 * @param userWindow sliding window for counting a user name's failures (default 5 min)
 * @param userThrottle how long a throttled user name refuses sources it has not recently
 *     succeeded from (default 10 min)
 * @param trustedSourceTtl how long after a success a source stays exempt from its user's
 *     throttling; cover the phones' re-registration interval (default 2 h)
 * @param maxTrackedKeys cap on entries in each table (sources counting failures, blocked
 *     sources, user names counting failures, throttled user names, user names with trusted
 *     sources); the stalest entry is dropped beyond it (default 10,000)
 * @param maxTrustedSourcesPerUser sources remembered as trusted per user name (default 8)
 */
public record GuardPolicy(
    int sourceFailureLimit,
    Duration sourceWindow,
    Duration sourceBlock,
    int userFailureLimit,
    Duration userWindow,
    Duration userThrottle,
    Duration trustedSourceTtl,
    int maxTrackedKeys,
    int maxTrustedSourcesPerUser) {

  /**
   * Upper bound for both failure limits: each tracked key keeps the times of its last {@code
   * limit + 1} failures.
   */
  public static final int MAX_FAILURE_LIMIT = 1_000;

  public GuardPolicy {
    requireLimit(sourceFailureLimit, "sourceFailureLimit");
    requirePositive(sourceWindow, "sourceWindow");
    requirePositive(sourceBlock, "sourceBlock");
    requireLimit(userFailureLimit, "userFailureLimit");
    requirePositive(userWindow, "userWindow");
    requirePositive(userThrottle, "userThrottle");
    requirePositive(trustedSourceTtl, "trustedSourceTtl");
    requirePositive(maxTrackedKeys, "maxTrackedKeys");
    requirePositive(maxTrustedSourcesPerUser, "maxTrustedSourcesPerUser");
  }

  public static GuardPolicy defaults() {
    return new GuardPolicy(
        10,
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        20,
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofHours(2),
        10_000,
        8);
  }

  private static void requireLimit(int value, String name) {
    if (value < 1 || value > MAX_FAILURE_LIMIT) {
      throw new IllegalArgumentException(name + " must be between 1 and " + MAX_FAILURE_LIMIT);
    }
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
