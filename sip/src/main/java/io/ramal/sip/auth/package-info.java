/**
 * SIP digest authentication (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760) and containment of
 * credential guessing.
 *
 * <p>Everything here is pure: no sockets, no threads, no clock reads (time comes from an
 * injected {@link java.time.InstantSource}). Parse failures and verification failures are
 * values, never exceptions.
 *
 * <ul>
 *   <li>Server side: {@link io.ramal.sip.auth.DigestVerifier} issues challenges (nonces from a
 *       {@link io.ramal.sip.auth.NonceIssuer}) and verifies
 *       {@link io.ramal.sip.auth.DigestCredentials} against a stored
 *       {@link io.ramal.sip.auth.StoredHa1} — plaintext passwords are never needed.
 *   <li>Client side (trunks): {@link io.ramal.sip.auth.DigestAuthorizer} answers a parsed
 *       {@link io.ramal.sip.auth.DigestChallenge}.
 *   <li>Brute force: {@link io.ramal.sip.auth.CredentialGuard} blocks guessing sources and
 *       throttles attacked usernames under a {@link io.ramal.sip.auth.GuardPolicy}.
 * </ul>
 */
package io.ramal.sip.auth;
