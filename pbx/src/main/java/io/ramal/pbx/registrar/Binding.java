package io.ramal.pbx.registrar;

import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;
import java.time.Instant;

/**
 * One registered contact (RFC 3261 §10.3). {@code source} is where the REGISTER came from — the
 * phone is reached there (symmetric routing through NAT, reuse of its TCP connection), while
 * {@code contact} stays the Request-URI of requests sent to it.
 */
public record Binding(
    AddressOfRecord aor, SipUri contact, String callId, long cseq, Instant expiresAt, int qMillis, Peer source,
    String userAgent) {

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public long remainingSeconds(Instant now) {
    return Math.max(0, java.time.Duration.between(now, expiresAt).toSeconds());
  }

  /** Same contact for RFC 3261 §10.3 step 6 (URI comparison, simplified to the canonical text). */
  public boolean sameContact(SipUri other) {
    return contact.withoutHeaders().toString().equalsIgnoreCase(other.withoutHeaders().toString());
  }
}
