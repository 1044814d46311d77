package io.ramal.it.harness;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out ports on 127.0.0.1 that are free for both UDP and TCP, for SIP listeners, control
 * sockets and RTP ranges of the peers a test starts.
 *
 * <pre>{@code
 * int sipPort = FreePorts.udpAndTcp();
 * PortRange rtp = FreePorts.consecutive(20);   // e.g. "rtp_ports " + rtp
 * }</pre>
 *
 * <p>Ports come from 20000-27999, below Linux's ephemeral range (32768+), so a port the kernel
 * gives to some outgoing socket never collides with one handed out here, and below the RTP range
 * test servers use (28000-31999, see {@code TestServer}). Every port is handed out
 * at most once per JVM until {@link #release released} (the harness's peers release theirs when
 * closed), so peers started by concurrent tests never share one. Another process can still take a
 * port between the check and its use; that race is accepted.
 */
public final class FreePorts {

  private static final int LOWEST = 20000;
  private static final int HIGHEST = 27999;
  private static final int ATTEMPTS = 500;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** One port free for both UDP and TCP on 127.0.0.1. */
  public static int udpAndTcp() {
    return consecutive(1).first();
  }

  /** {@code count} consecutive ports, each free for both UDP and TCP on 127.0.0.1. */
  public static PortRange consecutive(int count) {
    if (count < 1 || count > 1000) {
      throw new IllegalArgumentException("count must be within 1..1000: " + count);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int first = LOWEST + random.nextInt(HIGHEST - LOWEST + 2 - count);
      PortRange range = new PortRange(first, count);
      if (reserve(range)) {
        return range;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports after " + ATTEMPTS + " attempts");
  }

  private static boolean reserve(PortRange range) {
    List<Integer> taken = new ArrayList<>();
    boolean free = true;
    for (int port = range.first(); free && port <= range.last(); port++) {
      if (!HANDED_OUT.add(port)) {
        free = false;
      } else {
        taken.add(port);
        free = isFree(port);
      }
    }
    if (!free) {
      taken.forEach(HANDED_OUT::remove);
    }
    return free;
  }

  /** Makes the ports of {@code range} available again; peers call it once they are stopped. */
  public static void release(PortRange range) {
    for (int port = range.first(); port <= range.last(); port++) {
      HANDED_OUT.remove(port);
    }
  }

  /** Whether {@code port} can be bound right now on 127.0.0.1 for UDP and for TCP. */
  public static boolean isFree(int port) {
    InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
    try (DatagramSocket udp = new DatagramSocket(null)) {
      udp.setReuseAddress(false);
      udp.bind(address);
    } catch (IOException busy) {
      return false;
    }
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.setReuseAddress(false);
      tcp.bind(address);
    } catch (IOException busy) {
      return false;
    }
    return true;
  }
}
