package io.ramal.pbx.transport;

import io.ramal.sip.transport.Peer;

/** Receives raw SIP frames from any transport, one call per datagram or stream frame. */
@FunctionalInterface
public interface InboundSink {
  void receive(byte[] frame, Peer from);
}
