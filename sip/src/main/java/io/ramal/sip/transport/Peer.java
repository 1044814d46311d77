package io.ramal.sip.transport;

import java.net.InetSocketAddress;

/**
 * Where a message came from or goes to: a transport, the remote socket address and, for
 * connection-oriented transports, the connection it arrived on ({@code connectionId} 0 = none or
 * unknown: the transport opens or reuses a connection to {@code address}).
 */
public record Peer(Transport transport, InetSocketAddress address, long connectionId) {
  public Peer {
    if (address.isUnresolved()) throw new IllegalArgumentException("unresolved address: " + address);
  }

  public static Peer of(Transport transport, InetSocketAddress address) {
    return new Peer(transport, address, 0);
  }

  /** Host as it appears in SIP (IPv6 in brackets). */
  public String hostForSip() {
    String h = address.getAddress().getHostAddress();
    int pct = h.indexOf('%');
    if (pct >= 0) h = h.substring(0, pct);
    return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public String toString() {
    return transport + ":" + hostForSip() + ":" + address.getPort() + (connectionId != 0 ? "#" + connectionId : "");
  }
}
