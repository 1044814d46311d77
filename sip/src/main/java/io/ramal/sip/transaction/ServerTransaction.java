package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.util.Optional;

/** The receiving side of a transaction (RFC 3261 §17.2), handed to {@link TransactionUser#onRequest}. */
public interface ServerTransaction {
  SipRequest request();

  /** Where the request came from. */
  Peer peer();

  boolean isTerminated();

  boolean isInvite();

  /** The last response sent. */
  Optional<SipResponse> lastResponse();

  /**
   * Sends a response. Provisional (100 included; the layer never sends 100 Trying by itself):
   * stored and resent on request retransmission. INVITE non-2xx final: Timer G retransmissions
   * (unreliable), Timer H waiting for ACK (absorbed, not passed to TU), Timer I. INVITE 2xx: RFC
   * 6026 Accepted state (Timer L) and the layer retransmits the 2xx with T1 doubling capped at T2
   * over unreliable transports until an ACK arrives with the same Call-ID and CSeq number (then
   * the ACK is also passed to TU.onAck) or 64*T1 elapses (TU.onAckTimeout). Non-INVITE final:
   * Completed, Timer J. Responses after a final response are ignored (reported through {@link
   * TransactionObserver#onResponseIgnored}).
   */
  void respond(SipResponse response);
}
