package io.ramal.pbx.transport;

import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over TCP on one local address. Connections are found by id (responses go back on the
 * connection a request came in on) or by remote address (requests to a phone reuse its
 * registration's connection, RFC 3261 §18.1.1); a new connection is opened only when neither exists.
 */
public final class TcpTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpTransport.class);
  private static final AtomicLong IDS = new AtomicLong();
  private final ServerSocketChannel server;
  private final LocalEndpoint endpoint;
  private final InboundSink sink;
  private final TransportStats stats;
  private final Map<Long, TcpConnection> byId = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, TcpConnection> byRemote = new ConcurrentHashMap<>();
  private final int maxConnections;
  private volatile boolean closed;

  private TcpTransport(ServerSocketChannel server, LocalEndpoint endpoint, InboundSink sink, TransportStats stats, int maxConnections) {
    this.server = server;
    this.endpoint = endpoint;
    this.sink = sink;
    this.stats = stats;
    this.maxConnections = maxConnections;
  }

  public static TcpTransport bind(InetSocketAddress address, String advertisedHost, InboundSink sink, TransportStats stats,
      int maxConnections) throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    ch.bind(address, 256);
    int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
    TcpTransport t = new TcpTransport(ch, new LocalEndpoint(Transport.TCP, advertisedHost, port), sink, stats, maxConnections);
    Thread.ofPlatform().daemon().name("sip-tcp-accept-" + port).start(t::acceptLoop);
    return t;
  }

  public LocalEndpoint endpoint() {
    return endpoint;
  }

  public boolean isIpv6() {
    return endpoint.isIpv6();
  }

  public int connections() {
    return byId.size();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel ch = server.accept();
        if (byId.size() >= maxConnections) {
          log.warn("event=tcp_connection_refused reason=limit remote={}", ch.getRemoteAddress());
          ch.close();
          continue;
        }
        ch.socket().setTcpNoDelay(true);
        InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
        TcpConnection c = new TcpConnection(IDS.incrementAndGet(), remote, ch, sink, this::forget, stats);
        register(c);
        c.start();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) log.warn("event=tcp_accept_error error={}", e.toString());
      }
    }
  }

  private void register(TcpConnection c) {
    stats.connectionsOpened.increment();
    byId.put(c.id, c);
    byRemote.put(c.remote, c);
  }

  private void forget(TcpConnection c) {
    byId.remove(c.id);
    byRemote.remove(c.remote, c);
  }

  /** Sends on the peer's connection, or one to its address, opening it when needed. */
  public boolean send(byte[] data, Peer to) {
    if (closed) return false;
    TcpConnection c = to.connectionId() != 0 ? byId.get(to.connectionId()) : null;
    if (c == null || c.isClosed()) c = byRemote.get(to.address());
    if (c == null || c.isClosed()) {
      if (byId.size() >= maxConnections) return false;
      c = new TcpConnection(IDS.incrementAndGet(), to.address(), null, sink, this::forget, stats);
      TcpConnection existing = byRemote.putIfAbsent(to.address(), c);
      if (existing != null && !existing.isClosed()) {
        c = existing;
      } else {
        byRemote.put(to.address(), c);
        byId.put(c.id, c);
        stats.connectionsOpened.increment();
        c.start();
      }
    }
    return c.send(data);
  }

  /** True if a live connection with this id exists (a registration's flow is still usable). */
  public boolean isOpen(long connectionId) {
    TcpConnection c = byId.get(connectionId);
    return c != null && !c.isClosed();
  }

  public Peer peerFor(long connectionId) {
    TcpConnection c = byId.get(connectionId);
    return c == null ? null : c.peer();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    for (TcpConnection c : byId.values()) c.close();
  }
}
