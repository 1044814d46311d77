package io.ramal.pbx.call;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transport.Peer;
import java.util.Optional;

/** One outgoing INVITE of a call: to one registered contact of the callee, or to a trunk. */
final class Fork {
  final Peer peer;
  SipRequest invite;
  ClientTransaction tx;
  Optional<SipResponse> finalResponse = Optional.empty();
  boolean authRetried;

  Fork(Peer peer, SipRequest invite) {
    this.peer = peer;
    this.invite = invite;
  }

  boolean isDone() {
    return finalResponse.isPresent();
  }
}
