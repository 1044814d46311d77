package io.ramal.sip.transaction;

import io.ramal.sip.message.SipResponse;

/**
 * What the layer keeps under a client transaction's key (RFC 3261 §17.1.3): the transaction the TU
 * started, until a non-2xx final response completed it; from then on only what the Completed state
 * still needs (for INVITE, the ACK in wire form), so the request and the TU's listener can be
 * collected.
 */
sealed interface ClientRecord
    permits ActiveClientTransaction, CompletedInviteClientTransaction, CompletedNonInviteClientTransaction {
  /**
   * A response matched this key. False when it is not the transaction's to take; the layer then
   * hands it to the TU as a stray response.
   */
  boolean receive(SipResponse response);
}
