package io.ramal.pbx.record;

import io.ramal.media.Pcm;
import io.ramal.media.audio.ToneGenerator;
import io.ramal.media.codec.G711;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A phone's media side on 127.0.0.1: offers or answers PCMU, then sends a sine tone as RTP every
 * 20 ms (on absolute deadlines, as a phone does) and reads whatever it is sent.
 */
final class TonePhone implements AutoCloseable {
  private final DatagramSocket socket;
  private final double hz;
  private volatile boolean running = true;
  private Thread sender;
  private Thread receiver;

  TonePhone(double hz) {
    this.hz = hz;
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      socket.setSoTimeout(200);
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  /** A PCMU offer or answer for this phone's port. */
  byte[] sdp() {
    long id = ThreadLocalRandom.current().nextLong(1, 1_000_000);
    return ("v=0\r\no=- " + id + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + port() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The RTP port of a description Ramal sent this phone. */
  static int portIn(byte[] sdp) {
    var m = java.util.regex.Pattern.compile("m=audio (\\d+) ").matcher(new String(sdp, StandardCharsets.US_ASCII));
    if (!m.find()) throw new AssertionError("no audio port in " + new String(sdp, StandardCharsets.US_ASCII));
    return Integer.parseInt(m.group(1));
  }

  /** Starts sending the tone to Ramal's {@code port}. */
  void talkTo(int port) {
    InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    int ssrc = ThreadLocalRandom.current().nextInt();
    sender = Thread.ofPlatform().daemon().name("tone-phone-" + (int) hz).start(() -> {
      ToneGenerator tone = ToneGenerator.sine(hz, 0.3);
      byte[] packet = new byte[12 + Pcm.FRAME_SAMPLES];
      long next = System.nanoTime();
      for (int seq = 0; running; seq++) {
        packet[0] = (byte) 0x80;
        packet[1] = 0;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        int ts = seq * Pcm.FRAME_SAMPLES;
        for (int i = 0; i < 4; i++) {
          packet[4 + i] = (byte) (ts >> (24 - 8 * i));
          packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        G711.PCMU.encode(tone.read(), 0, Pcm.FRAME_SAMPLES, packet, 12);
        try {
          socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
          return;
        }
        next += 20_000_000L;
        LockSupport.parkNanos(next - System.nanoTime());
      }
    });
    receiver = Thread.ofPlatform().daemon().start(() -> {
      byte[] buf = new byte[2048];
      while (running) {
        try {
          socket.receive(new DatagramPacket(buf, buf.length));
        } catch (IOException e) {
          // timeout or closed: look at running again
        }
      }
    });
  }

  @Override
  public void close() {
    running = false;
    try {
      if (sender != null) sender.join(2000);
      if (receiver != null) receiver.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    socket.close();
  }
}
