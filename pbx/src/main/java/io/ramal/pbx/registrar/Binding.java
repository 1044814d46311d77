package io.ramal.pbx.registrar;

import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;
import java.time.Instant;

/**
 * One registered contact (RFC 3261 §10.3). {@code source} is where the REGISTER came from — the
 * phone is reached there (symmetric routing through NAT, reuse of its TCP connection), while
 * {@code contact} stays the Request-URI of requests sent to it. {@code allowEvents} are the event
 * packages its REGISTER said it accepts (RFC 6665 Allow-Events), lower case: {@code talk} means
 * it answers a ringing call when told to (a NOTIFY with {@code Event: talk}).
 */
public record Binding(
    AddressOfRecord aor, SipUri contact, String callId, long cseq, Instant expiresAt, int qMillis, Peer source,
    String userAgent, java.util.Set<String> allowEvents) {

  public Binding {
    allowEvents = java.util.Set.copyOf(allowEvents);
  }

  /** The phone answers a ringing call on request ({@code Event: talk}, the BroadWorks convention). */
  public boolean answersOnRequest() {
    return allowEvents.contains("talk");
  }

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
