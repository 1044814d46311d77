package io.ramal.it.harness;

import io.ramal.media.codec.G711;
import io.ramal.media.rtp.RtpHeader;
import io.ramal.media.rtp.RtpParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The RTP side of a test phone: a UDP socket on 127.0.0.1 that keeps every RTP packet it gets
 * (for a SIPp peer whose SDP points here), and reads DTMF sent in band in µ-law audio: each
 * packet's two strongest keypad frequencies give its key; a marker bit or a change of key starts
 * the next key press.
 */
public final class RtpSink implements AutoCloseable {
  /** One received packet: its marker bit and its µ-law payload. */
  public record Packet(boolean marker, int payloadType, byte[] payload) {}

  private static final double[] ROWS = {697, 770, 852, 941};
  private static final double[] COLUMNS = {1209, 1336, 1477, 1633};
  private static final String[] KEYPAD = {"123A", "456B", "789C", "*0#D"};

  private final DatagramSocket socket;
  private final List<Packet> packets = new CopyOnWriteArrayList<>();
  private final Thread receiver;

  public RtpSink() {
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    receiver = Thread.ofVirtual().name("rtp-sink").start(this::receive);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public List<Packet> packets() {
    return List.copyOf(packets);
  }

  /** The keys heard in band so far, in order. */
  public String inBandDigits() {
    StringBuilder keys = new StringBuilder();
    char previous = 0;
    for (Packet p : packets) {
      if (p.payloadType() != 0) continue;
      short[] pcm = new short[p.payload().length];
      G711.PCMU.decode(p.payload(), 0, pcm.length, pcm, 0);
      char key = keyOf(pcm);
      if (key != 0 && (key != previous || p.marker())) keys.append(key);
      previous = key;
    }
    return keys.toString();
  }

  /** Waits until {@code digits} keys were heard in band (fails with what was heard after {@code within}). */
  public String awaitInBandDigits(int digits, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (inBandDigits().length() < digits) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("heard only '" + inBandDigits() + "' in " + packets.size() + " RTP packets");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return inBandDigits();
  }

  /** The key whose row and column dominate this frame, or 0 when none does. */
  static char keyOf(short[] pcm) {
    int row = strongest(pcm, ROWS);
    int column = strongest(pcm, COLUMNS);
    return row < 0 || column < 0 ? 0 : KEYPAD[row].charAt(column);
  }

  /** The one frequency of the group at least -30 dBFS and 10 dB above the others, or -1. */
  private static int strongest(short[] pcm, double[] group) {
    int best = -1;
    double bestLevel = -200;
    double second = -200;
    for (int i = 0; i < group.length; i++) {
      double level = io.ramal.media.audio.Goertzel.levelDbfs(pcm, group[i]);
      if (level > bestLevel) {
        second = bestLevel;
        bestLevel = level;
        best = i;
      } else if (level > second) {
        second = level;
      }
    }
    return bestLevel >= -30 && bestLevel - second >= 10 ? best : -1;
  }

  private void receive() {
    byte[] buf = new byte[2048];
    DatagramPacket datagram = new DatagramPacket(buf, buf.length);
    while (!socket.isClosed()) {
      try {
        datagram.setLength(buf.length);
        socket.receive(datagram);
      } catch (IOException e) {
        continue;
      }
      RtpParseResult parsed = RtpHeader.parse(buf, 0, datagram.getLength());
      if (parsed instanceof RtpHeader h) {
        byte[] payload = new byte[h.payloadLength()];
        System.arraycopy(buf, h.payloadOffset(), payload, 0, payload.length);
        packets.add(new Packet(h.marker(), h.payloadType(), payload));
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      receiver.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
