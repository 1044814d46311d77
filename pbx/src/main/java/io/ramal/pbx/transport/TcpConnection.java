package io.ramal.pbx.transport;

import io.ramal.sip.message.StreamFramer;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP-over-TCP connection: a virtual thread reads and frames by Content-Length, another writes
 * from a queue so senders never block on a slow peer. Outbound connections connect lazily in the
 * writer thread.
 */
final class TcpConnection {
  private static final Logger log = LoggerFactory.getLogger(TcpConnection.class);
  private static final byte[] CLOSE = new byte[0];
  private static final int MAX_QUEUED = 1000;

  final long id;
  final InetSocketAddress remote;
  private volatile SocketChannel channel;
  private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final InboundSink sink;
  private final Consumer<TcpConnection> onClose;
  private final TransportStats stats;
  private volatile boolean closed;
  volatile long lastActivityNanos = System.nanoTime();

  TcpConnection(long id, InetSocketAddress remote, SocketChannel channel, InboundSink sink,
      Consumer<TcpConnection> onClose, TransportStats stats) {
    this.id = id;
    this.remote = remote;
    this.channel = channel;
    this.sink = sink;
    this.onClose = onClose;
    this.stats = stats;
  }

  Peer peer() {
    return new Peer(Transport.TCP, remote, id);
  }

  void start() {
    Thread.ofVirtual().name("sip-tcp-w-" + id).start(this::writeLoop);
    if (channel != null) Thread.ofVirtual().name("sip-tcp-r-" + id).start(this::readLoop);
  }

  boolean send(byte[] data) {
    if (closed || !queue.offer(data)) return false;
    return true;
  }

  boolean isClosed() {
    return closed;
  }

  private void connect() throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.socket().connect(remote, (int) Duration.ofSeconds(5).toMillis());
    ch.socket().setTcpNoDelay(true);
    channel = ch;
    Thread.ofVirtual().name("sip-tcp-r-" + id).start(this::readLoop);
  }

  private void writeLoop() {
    try {
      if (channel == null) connect();
      while (!closed) {
        byte[] data = queue.poll(30, TimeUnit.SECONDS);
        if (data == null) continue;
        if (data == CLOSE) break;
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) channel.write(b);
        stats.sent.increment();
        lastActivityNanos = System.nanoTime();
      }
    } catch (IOException e) {
      log.debug("event=tcp_write_error conn={} remote={} error={}", id, remote, e.toString());
      stats.sendFailures.increment();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  private void readLoop() {
    StreamFramer framer = new StreamFramer();
    ByteBuffer buf = ByteBuffer.allocate(16_384);
    Peer peer = peer();
    try {
      while (!closed) {
        buf.clear();
        int n = channel.read(buf);
        if (n < 0) break;
        lastActivityNanos = System.nanoTime();
        framer.feed(buf.array(), 0, n);
        while (true) {
          StreamFramer.Frame f = framer.next();
          if (f instanceof StreamFramer.Frame.Message m) {
            stats.received.increment();
            sink.receive(m.bytes(), peer);
          } else if (f instanceof StreamFramer.Frame.KeepAlive) {
            send(new byte[] {'\r', '\n'});
          } else if (f instanceof StreamFramer.Frame.Broken b) {
            log.info("event=tcp_stream_broken conn={} remote={} reason=\"{}\"", id, remote, b.reason());
            stats.oversized.increment();
            return;
          } else {
            break;
          }
        }
      }
    } catch (IOException e) {
      log.debug("event=tcp_read_error conn={} remote={} error={}", id, remote, e.toString());
    } finally {
      close();
    }
  }

  void close() {
    if (closed) return;
    closed = true;
    queue.clear();
    queue.offer(CLOSE);
    try {
      SocketChannel ch = channel;
      if (ch != null) ch.close();
    } catch (IOException ignored) {
      // closing
    }
    stats.connectionsClosed.increment();
    onClose.accept(this);
  }
}
