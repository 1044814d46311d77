package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;

/** What the layer drives on its server transactions. */
sealed interface ActiveServerTransaction extends ServerTransaction
    permits InviteServerTransaction, NonInviteServerTransaction {
  /** The request arrived again (§17.2.3 matched it to this transaction). */
  void receiveRetransmission(SipRequest request);
}
