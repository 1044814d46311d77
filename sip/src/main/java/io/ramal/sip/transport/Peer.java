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

  /** Host as it appears in SIP (IPv6 compressed, in brackets). */
  public String hostForSip() {
    return hostText(address.getAddress());
  }

  /** An address as SIP writes it: IPv4 dotted, IPv6 in RFC 5952 form inside brackets. */
  public static String hostText(java.net.InetAddress address) {
    String h = address.getHostAddress();
    int pct = h.indexOf('%');
    if (pct >= 0) h = h.substring(0, pct);
    if (h.indexOf(':') < 0) return h;
    String[] groups = h.split(":");
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < groups.length; ) {
      if (!groups[i].equals("0")) {
        i++;
        continue;
      }
      int j = i;
      while (j < groups.length && groups[j].equals("0")) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < groups.length; i++) {
      if (i == bestStart) {
        b.append(i == 0 ? "::" : ":");
        i += bestLen - 1;
        continue;
      }
      b.append(groups[i]);
      if (i < groups.length - 1) b.append(':');
    }
    return b.append(']').toString();
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public String toString() {
    return transport + ":" + hostForSip() + ":" + address.getPort() + (connectionId != 0 ? "#" + connectionId : "");
  }
}
