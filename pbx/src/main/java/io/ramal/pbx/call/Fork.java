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
  /** The registered contact this INVITE went to (empty for a trunk). */
  final Optional<io.ramal.pbx.registrar.Binding> binding;
  /** The last ringing response with a To tag: the early dialog a NOTIFY {@code talk} goes in. */
  SipResponse early;

  Fork(Peer peer, SipRequest invite) {
    this(peer, invite, Optional.empty());
  }

  Fork(Peer peer, SipRequest invite, Optional<io.ramal.pbx.registrar.Binding> binding) {
    this.peer = peer;
    this.invite = invite;
    this.binding = binding;
  }

  boolean isDone() {
    return finalResponse.isPresent();
  }
}
