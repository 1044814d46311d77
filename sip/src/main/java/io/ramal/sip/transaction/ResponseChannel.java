package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The way back for one server transaction's responses: the {@link ResponseRouting} destination,
 * and once that failed on a stream transport, a new connection to the sent-by (kept for later
 * responses). Holds no part of the request once built.
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
    return attempt(to -> out.send(response, to));
  }

  /** {@link #send(SipResponse)} for a response in wire form. */
  boolean sendEncoded(byte[] response) {
    return attempt(to -> out.sendEncoded(response, to));
  }

  private boolean attempt(Predicate<Peer> sendTo) {
    if (sendTo.test(destination)) return true;
    if (fallback.isEmpty()) return false;
    destination = fallback.get();
    fallback = Optional.empty();
    return sendTo.test(destination);
  }

  Peer destination() {
    return destination;
  }
}
