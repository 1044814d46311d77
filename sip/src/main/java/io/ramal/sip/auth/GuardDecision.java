package io.ramal.sip.auth;

/** What {@link CredentialGuard#check} allows for a request. */
public enum GuardDecision {
  /** Process the request normally. */
  ALLOW,
  /** The source is guessing: drop the request silently, send nothing back. */
  BLOCKED_SOURCE,
  /**
   * The user name is under attack and this source has not recently logged in as it: refuse
   * without verifying (e.g. 403) and without counting a failure.
   */
  THROTTLED_USER
}
