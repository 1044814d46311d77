package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;
import java.util.Optional;

/**
 * The way back for one server transaction's responses: the {@link ResponseRouting} destination,
 * and once that failed on a stream transport, a new connection to the sent-by (kept for later
 * responses).
 */
final class ResponseChannel {
  private final Outbound out;
  private Peer destination;
  private Optional<Peer> fallback;

  ResponseChannel(Outbound out, SipRequest request, Peer from) {
    this.out = out;
    this.destination = ResponseRouting.destination(request, from);
    this.fallback = ResponseRouting.fallback(request, from);
  }

  /** False when no way back worked. */
  boolean send(SipResponse response) {
    if (out.send(response, destination)) return true;
    if (fallback.isEmpty()) return false;
    destination = fallback.get();
    fallback = Optional.empty();
    return out.send(response, destination);
  }

  Peer destination() {
    return destination;
  }
}
