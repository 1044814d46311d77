package io.ramal.sip.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Contains credential guessing (SIPVicious-style scans and password cracking).
 *
 * <ul>
 *   <li><b>Per source.</b> More than {@link GuardPolicy#sourceFailureLimit()} failures within
 *       {@link GuardPolicy#sourceWindow()} block the source for {@link GuardPolicy#sourceBlock()}:
 *       {@link #check} then says {@link GuardDecision#BLOCKED_SOURCE} and the caller drops all its
 *       requests without answering. A success resets the source's count.
 *   <li><b>Per user name</b> (tenant-qualified, e.g. {@code "acme/1001"}). More than {@link
 *       GuardPolicy#userFailureLimit()} failures from all sources within {@link
 *       GuardPolicy#userWindow()} throttle the name for {@link GuardPolicy#userThrottle()}: it is
 *       then refused ({@link GuardDecision#THROTTLED_USER}) to every source that has not
 *       succeeded as that user within {@link GuardPolicy#trustedSourceTtl()}, so a distributed
 *       attack cannot lock the user's own phone out.
 * </ul>
 *
 * <p>Sources are opaque strings; callers pass a normalized address ({@code
 * InetAddress.getHostAddress()}), or an IPv6 /64 prefix to stop an attacker from rotating
 * addresses in one network.
 *
 * <p>Memory is bounded: each table holds at most {@link GuardPolicy#maxTrackedKeys()} entries,
 * expired entries are pruned on every call (by the injected clock), and when a table is full its
 * stalest entry is dropped. Blocks are kept in their own table, so a scan from many addresses can
 * push out failure counts but not existing blocks (only newer blocks can).
 *
 * <p>Thread-safe: all methods synchronize on this instance and never block.
 */
public final class CredentialGuard {

  private final GuardPolicy policy;
  private final InstantSource clock;
  private final RecencyMap<String, FailureWindow> sourceFailures;
  private final RecencyMap<String, Instant> blockedSources;
  private final RecencyMap<String, FailureWindow> userFailures;
  private final RecencyMap<String, Instant> throttledUsers;
  private final RecencyMap<String, TrustedSources> trustedSources;

  /** A guard with {@link GuardPolicy#defaults()}. */
  public CredentialGuard(InstantSource clock) {
    this(GuardPolicy.defaults(), clock);
  }

  public CredentialGuard(GuardPolicy policy, InstantSource clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    int cap = policy.maxTrackedKeys();
    this.sourceFailures = new RecencyMap<>(cap);
    this.blockedSources = new RecencyMap<>(cap);
    this.userFailures = new RecencyMap<>(cap);
    this.throttledUsers = new RecencyMap<>(cap);
    this.trustedSources = new RecencyMap<>(cap);
  }

  public GuardPolicy policy() {
    return policy;
  }

  /** Whether to process a request from {@code source} before its user name is known. */
  public synchronized GuardDecision check(String source) {
    Objects.requireNonNull(source, "source");
    Instant now = clock.instant();
    prune(now);
    return isBlocked(source, now) ? GuardDecision.BLOCKED_SOURCE : GuardDecision.ALLOW;
  }

  /** Whether to verify credentials of {@code user} sent from {@code source}. */
  public synchronized GuardDecision check(String source, String user) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(user, "user");
    Instant now = clock.instant();
    prune(now);
    if (isBlocked(source, now)) {
      return GuardDecision.BLOCKED_SOURCE;
    }
    Instant throttledUntil = throttledUsers.get(user);
    if (throttledUntil != null && throttledUntil.isAfter(now) && !isTrusted(source, user, now)) {
      return GuardDecision.THROTTLED_USER;
    }
    return GuardDecision.ALLOW;
  }

  /**
   * Records failed credentials (wrong password, unknown user, forged nonce, replay: see {@link
   * DigestOutcome.Reason#countsAsGuess()}) of {@code user} from {@code source}.
   */
  public synchronized void recordFailure(String source, String user) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(user, "user");
    Instant now = clock.instant();
    prune(now);
    if (count(sourceFailures, source, now, policy.sourceWindow(), policy.sourceFailureLimit())) {
      blockedSources.putLast(source, now.plus(policy.sourceBlock()));
    }
    if (count(userFailures, user, now, policy.userWindow(), policy.userFailureLimit())) {
      throttledUsers.putLast(user, now.plus(policy.userThrottle()));
    }
  }

  /**
   * Records accepted credentials: clears the source's failure count and trusts it for {@code
   * user} during a throttle. The user's own failure count is kept, since an attack on the name
   * may go on.
   */
  public synchronized void recordSuccess(String source, String user) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(user, "user");
    Instant now = clock.instant();
    prune(now);
    sourceFailures.remove(source);
    TrustedSources trusted = trustedSources.get(user);
    if (trusted == null) {
      trusted = new TrustedSources(policy.maxTrustedSourcesPerUser());
    }
    trusted.succeeded(source, now);
    trustedSources.putLast(user, trusted);
  }

  /** Number of sources currently blocked. */
  public synchronized int blockedSourceCount() {
    prune(clock.instant());
    return blockedSources.size();
  }

  /** Number of entries across all tables, for metrics and to check the memory bound. */
  public synchronized int trackedEntryCount() {
    prune(clock.instant());
    return sourceFailures.size()
        + blockedSources.size()
        + userFailures.size()
        + throttledUsers.size()
        + trustedSources.size();
  }

  /**
   * Adds a failure for {@code key}; returns true (and forgets the count, so a new window starts
   * after the penalty) when the failures within {@code window} exceed {@code limit}.
   */
  private static boolean count(
      RecencyMap<String, FailureWindow> table,
      String key,
      Instant now,
      Duration window,
      int limit) {
    FailureWindow failures = table.get(key);
    if (failures == null) {
      failures = new FailureWindow(limit + 1);
    }
    if (failures.record(now, window) > limit) {
      table.remove(key);
      return true;
    }
    table.putLast(key, failures);
    return false;
  }

  private boolean isBlocked(String source, Instant now) {
    Instant until = blockedSources.get(source);
    return until != null && until.isAfter(now);
  }

  private boolean isTrusted(String source, String user, Instant now) {
    TrustedSources trusted = trustedSources.get(user);
    return trusted != null && trusted.contains(source, now, policy.trustedSourceTtl());
  }

  /** Drops expired entries; every table is ordered by when its entries expire. */
  private void prune(Instant now) {
    pruneWhile(blockedSources, until -> !until.isAfter(now));
    pruneWhile(throttledUsers, until -> !until.isAfter(now));
    pruneWhile(sourceFailures, failures -> failures.isOver(now, policy.sourceWindow()));
    pruneWhile(userFailures, failures -> failures.isOver(now, policy.userWindow()));
    pruneWhile(trustedSources, trusted -> trusted.isOver(now, policy.trustedSourceTtl()));
  }

  private static <V> void pruneWhile(RecencyMap<String, V> table, Predicate<V> expired) {
    while (table.eldest().filter(expired).isPresent()) {
      table.removeEldest();
    }
  }

  /** Sources that recently succeeded as one user, newest success last. */
  private static final class TrustedSources {
    private final RecencyMap<String, Instant> lastSuccess;
    private Instant newest = Instant.MIN;

    TrustedSources(int capacity) {
      this.lastSuccess = new RecencyMap<>(capacity);
    }

    void succeeded(String source, Instant now) {
      lastSuccess.putLast(source, now);
      newest = now;
    }

    boolean contains(String source, Instant now, Duration ttl) {
      Instant at = lastSuccess.get(source);
      return at != null && at.plus(ttl).isAfter(now);
    }

    boolean isOver(Instant now, Duration ttl) {
      return !newest.plus(ttl).isAfter(now);
    }
  }
}
