package io.ramal.sip.auth;

/** Result of recording one use of a valid nonce (see {@link NonceIssuer}). */
enum NonceUse {
  /** First use, or a strictly higher nonce count than before. */
  FRESH,
  /** The nonce count did not increase, or a nonce without count was used again. */
  REPEATED,
  /** The nonce's usage history may have been dropped to bound memory; re-challenge as stale. */
  FORGOTTEN
}
