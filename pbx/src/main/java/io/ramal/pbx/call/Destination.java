package io.ramal.pbx.call;

import io.ramal.pbx.directory.Trunk;

/** Where the dial plan sends a dialed number. */
public sealed interface Destination {
  record ToExtension(String tenantId, String number) implements Destination {}

  record ToTrunk(Trunk trunk, String number) implements Destination {}

  /** A queue of the tenant: the caller is answered by Ramal and waits there for an agent. */
  record ToQueue(String tenantId, String queue) implements Destination {}

  /**
   * A voice menu of the tenant, reached through DID {@code did}: the caller is answered by Ramal and
   * hears the menu's prompt.
   */
  record ToIvr(String tenantId, io.ramal.cti.ivr.IvrMenu menu, String did) implements Destination {}

  record Unroutable(int status, String reason) implements Destination {}
}
