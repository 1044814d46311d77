package io.ramal.sip.transaction;

/**
 * What the layer keeps under a server transaction's key (RFC 3261 §17.2.3): the transaction the TU
 * was handed, until it sent a final response; from then on only what the Completed state still
 * needs, so the request, the parsed responses and the TU's transaction object can be collected.
 */
sealed interface ServerRecord
    permits ActiveServerTransaction, CompletedNonInviteServerTransaction, CompletedInviteServerTransaction,
        AcceptedInviteServerTransaction {
  /** The request arrived again. */
  void receiveRetransmission();
}
