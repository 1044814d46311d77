package io.ramal.pbx.core;

import io.ramal.sip.transport.Peer;

/** Observability of the PBX (logs, metrics); implementations live in the server module. */
public interface PbxEvents {
  PbxEvents NONE = new PbxEvents() {};

  /** A message was refused before reaching a transaction (malformed, blocked, unsupported). */
  default void messageRejected(Peer from, int status, String reason) {}

  default void authenticationFailed(String tenantId, String user, Peer from, String reason) {}

  default void registered(String tenantId, String user, Peer from, long expiresSeconds) {}

  default void retransmission(String method) {}
}
