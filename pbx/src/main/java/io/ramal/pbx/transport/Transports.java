package io.ramal.pbx.transport;

import io.ramal.sip.message.SipMessage;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

/** All bound transports behind one {@link Outbound}: picks the socket by transport and address family. */
public final class Transports implements Outbound, AutoCloseable {
  private final List<UdpTransport> udp;
  private final List<TcpTransport> tcp;
  private final TransportStats stats;

  public Transports(List<UdpTransport> udp, List<TcpTransport> tcp, TransportStats stats) {
    this.udp = List.copyOf(udp);
    this.tcp = List.copyOf(tcp);
    this.stats = stats;
  }

  public TransportStats stats() {
    return stats;
  }

  @Override
  public boolean send(SipMessage message, Peer to) {
    return sendEncoded(message.toBytes(), to);
  }

  /** Sends the bytes as they are (a transaction resending what it kept). */
  @Override
  public boolean sendEncoded(byte[] bytes, Peer to) {
    boolean v6 = to.address().getAddress() instanceof Inet6Address;
    return switch (to.transport()) {
      case UDP -> udpFor(v6).map(u -> u.send(bytes, to.address())).orElse(false);
      case TCP -> tcpFor(v6).map(t -> t.send(bytes, to)).orElse(false);
      default -> false;
    };
  }

  private Optional<UdpTransport> udpFor(boolean v6) {
    return udp.stream().filter(u -> u.isIpv6() == v6).findFirst();
  }

  private Optional<TcpTransport> tcpFor(boolean v6) {
    return tcp.stream().filter(t -> t.isIpv6() == v6).findFirst();
  }

  /** Our address for messages sent to {@code peer} (Via sent-by, Contact, Record-Route). */
  public LocalEndpoint localFor(Peer peer) {
    boolean v6 = peer.address().getAddress() instanceof Inet6Address;
    return endpoint(peer.transport(), v6).orElseGet(() -> endpoint(peer.transport(), !v6)
        .orElseThrow(() -> new IllegalStateException("no " + peer.transport() + " transport bound")));
  }

  public Optional<LocalEndpoint> endpoint(Transport transport, boolean v6) {
    return switch (transport) {
      case UDP -> udpFor(v6).map(UdpTransport::endpoint);
      case TCP -> tcpFor(v6).map(TcpTransport::endpoint);
      default -> Optional.empty();
    };
  }

  public boolean isOpen(Peer peer) {
    if (peer.transport() != Transport.TCP || peer.connectionId() == 0) return true;
    return tcp.stream().anyMatch(t -> t.isOpen(peer.connectionId()));
  }

  public List<LocalEndpoint> endpoints() {
    return java.util.stream.Stream.concat(udp.stream().map(UdpTransport::endpoint), tcp.stream().map(TcpTransport::endpoint)).toList();
  }

  public int tcpConnections() {
    return tcp.stream().mapToInt(TcpTransport::connections).sum();
  }

  @Override
  public void close() {
    udp.forEach(UdpTransport::close);
    tcp.forEach(TcpTransport::close);
  }
}
