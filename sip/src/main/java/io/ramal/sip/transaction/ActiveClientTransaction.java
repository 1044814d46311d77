package io.ramal.sip.transaction;

/** What the layer drives on its client transactions until they complete. */
sealed interface ActiveClientTransaction extends ClientTransaction, ClientRecord
    permits InviteClientTransaction, NonInviteClientTransaction {
  /** Sends the request and starts the timers. */
  void start();
}
