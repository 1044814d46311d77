package io.ramal.pbx.transport;

import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIP over UDP on one local address: a receive loop on a platform thread, sends from any thread. */
public final class UdpTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
  private final DatagramChannel channel;
  private final LocalEndpoint endpoint;
  private final Thread reader;
  private final TransportStats stats;
  private volatile boolean closed;

  private UdpTransport(DatagramChannel channel, LocalEndpoint endpoint, InboundSink sink, TransportStats stats) {
    this.channel = channel;
    this.endpoint = endpoint;
    this.stats = stats;
    this.reader = Thread.ofPlatform().daemon().name("sip-udp-" + endpoint.host() + ":" + endpoint.port())
        .unstarted(() -> readLoop(sink));
  }

  public static UdpTransport bind(InetSocketAddress address, String advertisedHost, InboundSink sink, TransportStats stats)
      throws IOException {
    var family = address.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    DatagramChannel ch = DatagramChannel.open(family);
    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
    ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
    ch.bind(address);
    int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
    UdpTransport t = new UdpTransport(ch, new LocalEndpoint(Transport.UDP, advertisedHost, port), sink, stats);
    t.reader.start();
    return t;
  }

  public LocalEndpoint endpoint() {
    return endpoint;
  }

  public boolean isIpv6() {
    return endpoint.isIpv6();
  }

  private void readLoop(InboundSink sink) {
    ByteBuffer buf = ByteBuffer.allocateDirect(65_536);
    while (!closed) {
      try {
        buf.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
        if (from == null) continue;
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        stats.received.increment();
        sink.receive(data, Peer.of(Transport.UDP, from));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (!closed) log.warn("event=udp_receive_error endpoint={} error={}", endpoint, e.toString());
      }
    }
  }

  public boolean send(byte[] data, InetSocketAddress to) {
    try {
      int n = channel.send(ByteBuffer.wrap(data), to);
      if (n == data.length) {
        stats.sent.increment();
        return true;
      }
    } catch (IOException | RuntimeException e) {
      log.debug("event=udp_send_error to={} error={}", to, e.toString());
    }
    stats.sendFailures.increment();
    return false;
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing
    }
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "UdpTransport" + Arrays.asList(endpoint);
  }
}
