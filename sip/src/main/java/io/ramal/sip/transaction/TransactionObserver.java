package io.ramal.sip.transaction;

/** Observability of the transaction layer (metrics, tracing); every method has a no-op default. */
public interface TransactionObserver {
  TransactionObserver NONE = new TransactionObserver() {};

  default void onCreated(boolean client, String method) {}

  /** A request or response was sent again (timer driven, or in answer to a retransmission). */
  default void onRetransmission(boolean client, String method) {}

  /** Timer B, F or H fired, a 2xx was never ACKed, or a cancelled INVITE got no final response. */
  default void onTimeout(boolean client, String method) {}

  default void onTerminated(boolean client, String method) {}

  /**
   * The transport refused a message, which ended the transaction. Every such end is reported here.
   * The TU or the listener is told as well while the transaction is still theirs to act on; not
   * when the ACK for a 300–699 response is refused, nor when a completed transaction could not
   * resend its final response or its ACK (it no longer holds what the TU was handed).
   */
  default void onTransportError(boolean client, String method) {}

  /** The TU responded on a server transaction that had already sent a final response (or ended). */
  default void onResponseIgnored(String method, int status) {}
}
