package io.ramal.sip.transport;

import io.ramal.sip.message.SipMessage;

/** The one way the pure layers hand a message to the network. Implemented by the transports. */
@FunctionalInterface
public interface Outbound {
  /** Sends without blocking the caller for long; failures are reported by the return value. */
  boolean send(SipMessage message, Peer to);
}
