package io.ramal.sip.transport;

import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipParser;

/** The one way the pure layers hand a message to the network. Implemented by the transports. */
@FunctionalInterface
public interface Outbound {
  /** Sends without blocking the caller for long; failures are reported by the return value. */
  boolean send(SipMessage message, Peer to);

  /**
   * Sends a message already in its wire form ({@link SipMessage#toBytes}): what a completed
   * transaction keeps so it can send its last message again byte for byte. Transports send the
   * bytes as they are. This default, for outbounds that only take messages, parses them and calls
   * {@link #send(SipMessage, Peer)}; bytes that do not parse are not sent (false).
   */
  default boolean sendEncoded(byte[] message, Peer to) {
    return SipParser.parse(message) instanceof ParseResult.Parsed(SipMessage parsed) && send(parsed, to);
  }
}
