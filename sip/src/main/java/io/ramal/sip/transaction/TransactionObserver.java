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

  /** The TU responded on a server transaction that had already sent a final response (or ended). */
  default void onResponseIgnored(String method, int status) {}
}
