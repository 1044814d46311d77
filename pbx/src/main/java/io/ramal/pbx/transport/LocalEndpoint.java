package io.ramal.pbx.transport;

import io.ramal.sip.transport.Transport;

/** An address Ramal listens on, as written in Via, Contact and Record-Route. */
public record LocalEndpoint(Transport transport, String host, int port) {
  public boolean isIpv6() {
    return host.startsWith("[");
  }

  @Override
  public String toString() {
    return transport + " " + host + ":" + port;
  }
}
