package io.ramal.it.harness;

import io.ramal.media.rtcp.NtpTimestamp;
import io.ramal.media.rtcp.RtcpCompound;
import io.ramal.media.rtcp.RtcpPacket;
import io.ramal.media.rtp.RtpHeader;
import io.ramal.media.rtp.RtpPacket;
import io.ramal.media.rtp.RtpParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The media side of a test phone that speaks RTCP, for a SIPp peer whose SDP points here: an RTP
 * socket on an even port and an RTCP socket on the next, on 127.0.0.1. It keeps the RTP it gets
 * and every RTCP compound (with when it arrived), answers RTP with a PCMU stream of its own once
 * it knows where the server sends from (leaving out every {@code n}-th packet, a measured loss),
 * and sends the reports a test writes.
 */
public final class RtcpPeer implements AutoCloseable {
  /**
   * An RTCP compound as it arrived, with how many RTP packets this peer had left out by then
   * (what the report can count as lost at most).
   */
  public record Report(RtcpCompound compound, Instant arrivedAt, InetSocketAddress from, int skippedBefore) {}

  public static final long SSRC = 0x7E57_1D00L;
  private final PortRange ports;
  private final DatagramSocket rtp;
  private final DatagramSocket rtcp;
  private final List<Report> reports = new CopyOnWriteArrayList<>();
  private final AtomicLong rtpReceived = new AtomicLong();
  private final AtomicReference<Long> serverSsrc = new AtomicReference<>();
  private final AtomicReference<InetSocketAddress> serverRtp = new AtomicReference<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  /** Listens, and once RTP arrives sends 20 ms PCMU packets back, leaving out every {@code skipEvery}-th. */
  public RtcpPeer(int skipEvery) {
    PortRange range = FreePorts.consecutive(3);
    int even = range.first() % 2 == 0 ? range.first() : range.first() + 1;
    this.ports = range;
    try {
      rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), even));
      rtcp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), even + 1));
    } catch (SocketException e) {
      FreePorts.release(range);
      throw new UncheckedIOException(e);
    }
    threads.add(Thread.ofVirtual().name("rtcp-peer-rtp").start(this::receiveRtp));
    threads.add(Thread.ofVirtual().name("rtcp-peer-rtcp").start(this::receiveRtcp));
    threads.add(Thread.ofVirtual().name("rtcp-peer-send").start(() -> sendRtp(skipEvery)));
  }

  /** The RTP port (for the SDP); RTCP is the next one. */
  public int rtpPort() {
    return rtp.getLocalPort();
  }

  public long rtpReceived() {
    return rtpReceived.get();
  }

  /** The SSRC of the server's stream to us, once a packet came. */
  public Long serverSsrc() {
    return serverSsrc.get();
  }

  /** RTP packets sent, and sequence numbers left out on purpose. */
  public int rtpSent() {
    return sent.get();
  }

  public int rtpSkipped() {
    return skipped.get();
  }

  public List<Report> reports() {
    return List.copyOf(reports);
  }

  /** Waits for a report that satisfies {@code wanted}; fails the test after {@code within}. */
  public Report awaitReport(String what, Predicate<Report> wanted, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      for (Report r : reports) {
        if (wanted.test(r)) return r;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no RTCP " + what + " within " + within + "; got " + reports);
      }
      sleep(20);
    }
  }

  /** Sends a compound to the server's RTCP port (its RTP port plus one) from our RTCP socket. */
  public void sendReport(RtcpCompound compound) {
    InetSocketAddress server = serverRtp.get();
    if (server == null) throw new IllegalStateException("the server has sent no RTP yet");
    byte[] bytes = compound.toBytes();
    try {
      rtcp.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(server.getAddress(), server.getPort() + 1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Our NTP time now, for reports. */
  public static NtpTimestamp now() {
    return NtpTimestamp.of(Instant.now());
  }

  private void receiveRtp() {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    while (!closed) {
      try {
        p.setLength(buf.length);
        rtp.receive(p);
      } catch (IOException e) {
        continue;
      }
      RtpParseResult parsed = RtpHeader.parse(buf, 0, p.getLength());
      if (parsed instanceof RtpHeader h && (buf[1] & 0x7F) < 64) {
        rtpReceived.incrementAndGet();
        serverSsrc.compareAndSet(null, h.ssrc());
        serverRtp.compareAndSet(null, (InetSocketAddress) p.getSocketAddress());
      }
    }
  }

  private void receiveRtcp() {
    byte[] buf = new byte[2048];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    while (!closed) {
      try {
        p.setLength(buf.length);
        rtcp.receive(p);
      } catch (IOException e) {
        continue;
      }
      Instant at = Instant.now();
      int skippedBefore = skipped.get();
      RtcpCompound.parse(buf, 0, p.getLength()).ifPresent(c ->
          reports.add(new Report(c, at, (InetSocketAddress) p.getSocketAddress(), skippedBefore)));
    }
  }

  private void sendRtp(int skipEvery) {
    while (!closed && serverRtp.get() == null) {
      sleep(5);
    }
    byte[] silence = new byte[160];
    java.util.Arrays.fill(silence, (byte) 0xFF);
    long start = System.nanoTime();
    for (int n = 1; !closed; n++) {
      if (n % skipEvery == 0) {
        skipped.incrementAndGet();
      } else {
        byte[] bytes = RtpPacket.of(false, 0, n & 0xFFFF, 160L * n, SSRC, silence).toBytes();
        try {
          rtp.send(new DatagramPacket(bytes, bytes.length, serverRtp.get()));
          sent.incrementAndGet();
        } catch (IOException e) {
          if (!closed) throw new UncheckedIOException(e);
        }
      }
      long due = start + n * 20_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private static void sleep(long millis) {
    sleep(millis, 0);
  }

  private static void sleep(long millis, int nanos) {
    try {
      Thread.sleep(millis, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    rtp.close();
    rtcp.close();
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    FreePorts.release(ports);
  }

  @Override
  public String toString() {
    return "RtcpPeer[rtp " + rtpPort() + ", received " + rtpReceived + " RTP, " + reports.size() + " RTCP]";
  }
}
