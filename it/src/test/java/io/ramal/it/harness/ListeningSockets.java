package io.ramal.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether some process listens on 127.0.0.1 (or any address) at a port, read from Linux's
 * {@code /proc/net/udp} and {@code /proc/net/tcp} without touching the socket itself, so checking
 * never steals the port from the peer that is about to bind it.
 */
final class ListeningSockets {

  private static final String TCP_LISTEN = "0A";

  private ListeningSockets() {}

  static boolean isListening(SipTransport transport, int port) {
    return switch (transport) {
      case UDP -> bound(Path.of("/proc/net/udp"), port, false);
      case TCP -> bound(Path.of("/proc/net/tcp"), port, true);
    };
  }

  private static boolean bound(Path table, int port, boolean listenOnly) {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table + " (this harness needs Linux)", e);
    }
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 4) {
        continue;
      }
      String local = fields[1];
      boolean loopbackOrAny = local.startsWith("0100007F:") || local.startsWith("00000000:");
      if (loopbackOrAny && local.endsWith(":" + hexPort) && (!listenOnly || TCP_LISTEN.equals(fields[3]))) {
        return true;
      }
    }
    return false;
  }
}
