package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;

/** What sits above the transaction layer (RFC 3261 §17): a UA core, here the B2BUA. */
public interface TransactionUser {
  /** A new request (not a retransmission, not an ACK, not a CANCEL). The TU must eventually respond through tx. */
  void onRequest(ServerTransaction tx);

  /**
   * An ACK that matched no INVITE server transaction in Proceeding/Completed state: ACKs for 2xx go
   * here (also after the layer used it to stop 2xx retransmissions).
   */
  void onAck(SipRequest ack, Peer from);

  /**
   * A CANCEL matched a live INVITE server transaction that has not sent a final response yet; the
   * layer already answered the CANCEL with 200. The TU should respond 487 on {@code invite}.
   */
  void onCancel(ServerTransaction invite);

  /**
   * A response that matched no client transaction (late 2xx retransmissions, extra forked 2xx after
   * the transaction ended), or a 2xx that arrived after the INVITE transaction got a 300–699.
   */
  void onStrayResponse(SipResponse response, Peer from);

  /** A 2xx sent on an INVITE server transaction was never ACKed within 64*T1 (the TU should hang up the dialog with BYE). */
  default void onAckTimeout(ServerTransaction invite) {}

  /**
   * A response of {@code tx} could not be handed to the transport (nor, for TCP/TLS, over a new
   * connection to the Via sent-by). The transaction is terminated already (RFC 3261 §17.2.4). Not
   * called once a 300–699 response to INVITE, or a final response to anything else, went out: the
   * completed transaction that resends it no longer holds {@code tx} (see {@link
   * TransactionObserver#onTransportError}).
   */
  default void onTransportError(ServerTransaction tx) {}
}
