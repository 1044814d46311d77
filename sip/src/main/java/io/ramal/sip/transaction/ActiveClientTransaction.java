package io.ramal.sip.transaction;

import io.ramal.sip.message.SipResponse;

/** What the layer drives on its client transactions. */
sealed interface ActiveClientTransaction extends ClientTransaction
    permits InviteClientTransaction, NonInviteClientTransaction {
  /** Sends the request and starts the timers. */
  void start();

  /** A response matched this transaction (§17.1.3). */
  void receive(SipResponse response);
}
