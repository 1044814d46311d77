package io.ramal.sip.auth;

import java.util.Objects;

/** What {@link DigestVerifier#verify} concluded about one request's credentials. */
public sealed interface DigestOutcome {

  /** The credentials are good: the request comes from {@code username}. */
  record Accepted(String username) implements DigestOutcome {
    public Accepted {
      Objects.requireNonNull(username, "username");
    }
  }

  /**
   * The client knows the password but answered a nonce we no longer take (expired, signed with
   * another secret, an RFC 2069 nonce used before, or forgotten): challenge again with {@code
   * stale=TRUE} so it retries without prompting its user.
   */
  record Stale() implements DigestOutcome {}

  /** The credentials are refused: challenge again (401/407) or refuse (403). */
  record Rejected(Reason reason) implements DigestOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why credentials were refused. */
  enum Reason {
    /** The credentials answer a different realm than the one protecting this request. */
    WRONG_REALM(false),
    /** The algorithm is unknown to us or not offered by this verifier. */
    UNSUPPORTED_ALGORITHM(false),
    /** No HA1 is stored for the user under the algorithm the client chose. */
    MISSING_HA1(false),
    /** A {@code qop} other than {@code auth} (we never offer {@code auth-int}). */
    UNSUPPORTED_QOP(false),
    /** A wrong response to a nonce we did not issue for this realm: forged, tampered, garbage. */
    INVALID_NONCE(true),
    /** The response digest does not match: wrong password (or wrong user name). */
    WRONG_RESPONSE(true),
    /** A correct response whose nonce count did not increase: a replayed request. */
    REPLAYED(true);

    private final boolean guess;

    Reason(boolean guess) {
      this.guess = guess;
    }

    /**
     * Whether this refusal is evidence of guessing or forging credentials and should be
     * {@linkplain CredentialGuard#recordFailure counted} against the source; configuration
     * mismatches, where no password was tried, are not.
     */
    public boolean countsAsGuess() {
      return guess;
    }
  }
}
