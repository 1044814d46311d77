package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.Via;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the responses to a request go (RFC 3261 §18.2.2, RFC 3581). Reliable transports answer on
 * the connection the request came on. Unreliable ones answer to the source address, on the source
 * port when the top Via asked for {@code rport}, otherwise on the Via sent-by port (default 5060).
 */
public final class ResponseRouting {
  private ResponseRouting() {}

  public static Peer destination(SipRequest request, Peer from) {
    if (from.transport().reliable()) return from;
    Via via = request.topVia();
    int port = via.hasRport() ? from.port() : sentByPort(via, from.transport());
    return Peer.of(from.transport(), new InetSocketAddress(from.address().getAddress(), port));
  }

  /**
   * Where to try again when the connection of a TCP or TLS request is gone: a new connection to the
   * source address and the Via sent-by port. Empty for other transports (a WebSocket client cannot
   * be called back, UDP has no connection).
   */
  public static Optional<Peer> fallback(SipRequest request, Peer from) {
    if (from.transport() != Transport.TCP && from.transport() != Transport.TLS) return Optional.empty();
    int port = sentByPort(request.topVia(), from.transport());
    return Optional.of(Peer.of(from.transport(), new InetSocketAddress(from.address().getAddress(), port)));
  }

  private static int sentByPort(Via via, Transport transport) {
    if (via.port() >= 0) return via.port();
    return transport == Transport.TLS || transport == Transport.WSS ? 5061 : 5060;
  }
}
