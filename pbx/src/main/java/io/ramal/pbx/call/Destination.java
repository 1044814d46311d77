package io.ramal.pbx.call;

import io.ramal.pbx.directory.Trunk;

/** Where the dial plan sends a dialed number. */
public sealed interface Destination {
  record ToExtension(String tenantId, String number) implements Destination {}

  record ToTrunk(Trunk trunk, String number) implements Destination {}

  record Unroutable(int status, String reason) implements Destination {}
}
