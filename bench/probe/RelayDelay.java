import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long Ramal held each RTP packet it relayed, from a loopback capture of a sipp-load.sh run
 * (CAPTURE=1). Run as a single source file: java bench/probe/RelayDelay.java CAPTURE.pcap SIP_PORT
 *
 * <p>The server's own "late" counter compares each packet's arrival with its RTP timestamp, so it
 * also counts the packets SIPp sent late. Here both sides of the relay are on the wire: a packet
 * the caller sent to the server's port on the caller's leg leaves from the server's port on the
 * callee's leg, with the same payload and a sequence number moved by a fixed offset. The kernel
 * stamps a loopback packet when its sender hands it over, so the difference between the two
 * stamps is what the server added: socket queueing, reading, relaying and sending.
 *
 * <p>Which two ports belong to one call comes from the signalling in the same capture: the bench
 * caller puts a token in Call-Info, which the B2BUA copies into the callee's INVITE; the server's
 * 200 OK to the caller carries the caller leg's port, its INVITE to the callee the callee leg's.
 *
 * <p>Prints packets relayed and matched, the delay's percentiles, the shares above 5, 10 and 20 ms,
 * packets that came in and never went out (between a stream's first and last relayed packet), the
 * interarrival jitter (RFC 3550 §6.4.1) of the streams in and out, and how late SIPp itself sent.
 */
public final class RelayDelay {
  private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)\\s*:\\s*(\\S+)");
  private static final Pattern TOKEN = Pattern.compile("(?im)^Call-Info\\s*:\\s*<sip:(bench-[^@>]+)@");
  private static final Pattern AUDIO_PORT = Pattern.compile("(?m)^m=audio (\\d+) ");
  private static final Pattern CSEQ_INVITE = Pattern.compile("(?im)^CSeq\\s*:\\s*\\d+\\s+INVITE");

  /** One RTP packet as captured: when, between which ports, and what it carried. */
  record Packet(long nanos, int srcPort, int dstPort, int sequence, long timestamp, long payloadHash) {}

  /** The server's two media ports of one call. */
  record CallPorts(int callerLeg, int calleeLeg) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: java RelayDelay.java CAPTURE.pcap SIP_PORT");
      System.exit(2);
    }
    Path capture = Path.of(args[0]);
    int sipPort = Integer.parseInt(args[1]);

    Map<String, String> tokenByCallId = new HashMap<>();
    Map<String, Integer> callerLegByToken = new HashMap<>();
    Map<String, Integer> calleeLegByToken = new HashMap<>();
    Map<Integer, List<Packet>> intoPort = new HashMap<>();
    Map<Integer, List<Packet>> fromPort = new HashMap<>();
    List<String[]> okBeforeInvite = new ArrayList<>();

    long[] records = {0};
    readCapture(capture, (nanos, srcPort, dstPort, udp) -> {
      records[0]++;
      if (srcPort == sipPort || dstPort == sipPort) {
        String text = new String(udp, StandardCharsets.ISO_8859_1);
        String token = find(TOKEN, text);
        String callId = find(CALL_ID, text);
        if (text.startsWith("INVITE ") && dstPort == sipPort && token != null && callId != null) {
          tokenByCallId.put(callId, token);
        } else if (text.startsWith("INVITE ") && srcPort == sipPort && token != null) {
          String port = find(AUDIO_PORT, text);
          if (port != null) calleeLegByToken.put(token, Integer.parseInt(port));
        } else if (text.startsWith("SIP/2.0 200") && srcPort == sipPort && callId != null
            && CSEQ_INVITE.matcher(text).find()) {
          String port = find(AUDIO_PORT, text);
          if (port != null) okBeforeInvite.add(new String[] {callId, port});
        }
        return;
      }
      if (udp.length < 12 || (udp[0] & 0xC0) != 0x80) return;
      int payloadType = udp[1] & 0x7F;
      int packetType = udp[1] & 0xFF;
      if (packetType >= 200 && packetType <= 206) return; // RTCP
      if (payloadType >= 72 && payloadType <= 76) return;
      ByteBuffer b = ByteBuffer.wrap(udp);
      int sequence = b.getShort(2) & 0xFFFF;
      long timestamp = b.getInt(4) & 0xFFFF_FFFFL;
      int headerLength = 12 + 4 * (udp[0] & 0x0F);
      long hash = hash(udp, Math.min(headerLength, udp.length));
      Packet p = new Packet(nanos, srcPort, dstPort, sequence, timestamp, hash);
      intoPort.computeIfAbsent(dstPort, k -> new ArrayList<>()).add(p);
      fromPort.computeIfAbsent(srcPort, k -> new ArrayList<>()).add(p);
    });
    for (String[] ok : okBeforeInvite) {
      String token = tokenByCallId.get(ok[0]);
      if (token != null) callerLegByToken.put(token, Integer.parseInt(ok[1]));
    }
    List<CallPorts> calls = new ArrayList<>();
    for (Map.Entry<String, Integer> e : callerLegByToken.entrySet()) {
      Integer callee = calleeLegByToken.get(e.getKey());
      if (callee != null) calls.add(new CallPorts(e.getValue(), callee));
    }

    Stats stats = new Stats();
    for (CallPorts call : calls) {
      stats.relay(intoPort.getOrDefault(call.callerLeg(), List.of()), fromPort.getOrDefault(call.calleeLeg(), List.of()));
      stats.relay(intoPort.getOrDefault(call.calleeLeg(), List.of()), fromPort.getOrDefault(call.callerLeg(), List.of()));
    }
    System.out.printf("relay capture: %d UDP packets, %d calls with both media ports known (of %d tokens seen), %d streams relayed%n",
        records[0], calls.size(), tokenByCallId.size(), stats.streams);
    stats.print();
  }

  /** Delays, losses and jitter over every relayed stream. */
  static final class Stats {
    int streams;
    long unmatchedOut;
    long notRelayed;
    long[] delays = new long[1 << 16];
    int count;
    double jitterInSum;
    double jitterOutSum;
    long[] senderLateness = new long[1 << 16];
    int senderCount;

    void relay(List<Packet> in, List<Packet> out) {
      if (in.isEmpty() || out.isEmpty()) return;
      long[] inSeq = extended(in);
      long[] outSeq = extended(out);
      Map<Long, Packet> inBySeq = new HashMap<>(in.size() * 2);
      for (int i = 0; i < in.size(); i++) inBySeq.putIfAbsent(inSeq[i], in.get(i));
      Long offset = offset(in, inSeq, out, outSeq, inBySeq);
      if (offset == null) {
        unmatchedOut += out.size();
        return;
      }
      streams++;
      long firstIn = Long.MAX_VALUE;
      long lastIn = Long.MIN_VALUE;
      java.util.Set<Long> relayed = new java.util.HashSet<>();
      for (int i = 0; i < out.size(); i++) {
        Packet o = out.get(i);
        long s = outSeq[i] - offset;
        Packet source = inBySeq.get(s);
        if (source == null || source.payloadHash() != o.payloadHash() || !relayed.add(s)) {
          unmatchedOut++;
          continue;
        }
        add(o.nanos() - source.nanos());
        firstIn = Math.min(firstIn, s);
        lastIn = Math.max(lastIn, s);
      }
      for (long s : inBySeq.keySet()) {
        if (s > firstIn && s < lastIn && !relayed.contains(s)) notRelayed++;
      }
      jitterInSum += jitterMillis(in);
      jitterOutSum += jitterMillis(out);
      long quickest = Long.MAX_VALUE;
      for (Packet p : in) quickest = Math.min(quickest, transit(p));
      for (Packet p : in) {
        if (senderCount == senderLateness.length) senderLateness = Arrays.copyOf(senderLateness, senderCount * 2);
        senderLateness[senderCount++] = transit(p) - quickest;
      }
    }

    /** The sequence offset under which the most of the first out packets find an in packet with their payload. */
    private static Long offset(List<Packet> in, long[] inSeq, List<Packet> out, long[] outSeq, Map<Long, Packet> inBySeq) {
      Long best = null;
      int bestScore = 0;
      Packet first = out.get(0);
      for (int i = 0; i < in.size(); i++) {
        Packet candidate = in.get(i);
        if (candidate.payloadHash() != first.payloadHash() || candidate.nanos() > first.nanos()) continue;
        long offset = outSeq[0] - inSeq[i];
        int score = 0;
        for (int k = 0; k < Math.min(50, out.size()); k++) {
          Packet source = inBySeq.get(outSeq[k] - offset);
          if (source != null && source.payloadHash() == out.get(k).payloadHash()) score++;
        }
        if (score > bestScore) {
          bestScore = score;
          best = offset;
        }
      }
      return best;
    }

    private void add(long nanos) {
      if (count == delays.length) delays = Arrays.copyOf(delays, count * 2);
      delays[count++] = nanos;
    }

    void print() {
      if (count == 0) {
        System.out.println("relay delay: no relayed packet matched");
        return;
      }
      long[] d = Arrays.copyOf(delays, count);
      Arrays.sort(d);
      System.out.printf("relay delay (server read to send, kernel stamps; %d packets matched, %d sent without a match, %d came in and never went out): "
              + "p50 %.3f ms, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f%n",
          count, unmatchedOut, notRelayed, ms(at(d, 0.50)), ms(at(d, 0.90)), ms(at(d, 0.99)), ms(at(d, 0.999)), ms(d[count - 1]));
      System.out.printf("relayed later than 5 ms: %d (%.4f %%), 10 ms: %d (%.4f %%), 20 ms: %d (%.4f %%)%n",
          above(d, 5), share(above(d, 5)), above(d, 10), share(above(d, 10)), above(d, 20), share(above(d, 20)));
      System.out.printf("interarrival jitter (RFC 3550, mean over streams): %.3f ms into the server, %.3f ms out of it%n",
          jitterInSum / streams, jitterOutSum / streams);
      long[] s = Arrays.copyOf(senderLateness, senderCount);
      Arrays.sort(s);
      long late = above(s, 20);
      System.out.printf("SIPp's own sending (send stamp minus RTP timestamp, against the stream's quickest): "
              + "p99 %.3f ms, later than 20 ms %d of %d (%.4f %%)%n",
          ms(at(s, 0.99)), late, senderCount, senderCount == 0 ? 0.0 : 100.0 * late / senderCount);
    }

    private double share(long n) {
      return 100.0 * n / count;
    }

    private static long above(long[] sorted, int millis) {
      long limit = millis * 1_000_000L;
      int i = Arrays.binarySearch(sorted, limit + 1);
      if (i < 0) i = -i - 1;
      while (i > 0 && sorted[i - 1] > limit) i--;
      return sorted.length - i;
    }
  }

  /** Sequence numbers with wrap-around undone, in capture order. */
  static long[] extended(List<Packet> packets) {
    long[] out = new long[packets.size()];
    long cycles = 0;
    int last = -1;
    for (int i = 0; i < packets.size(); i++) {
      int s = packets.get(i).sequence();
      if (last >= 0 && s < last && last - s > 0x8000) cycles += 0x10000;
      else if (last >= 0 && s > last && s - last > 0x8000) cycles -= 0x10000;
      out[i] = cycles + s;
      last = s;
    }
    return out;
  }

  /** RFC 3550 §6.4.1 interarrival jitter at the end of the stream, 8 kHz clock, in ms. */
  static double jitterMillis(List<Packet> packets) {
    double jitter = 0;
    long previous = 0;
    boolean first = true;
    for (Packet p : packets) {
      long transit = transit(p);
      if (!first) jitter += (Math.abs(transit - previous) - jitter) / 16.0;
      previous = transit;
      first = false;
    }
    return jitter / 1e6;
  }

  /** Capture instant minus the RTP timestamp, both in nanoseconds (8 kHz clock). */
  static long transit(Packet p) {
    return p.nanos() - p.timestamp() * 125_000L;
  }

  static long at(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static String find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  static long hash(byte[] bytes, int from) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < bytes.length; i++) {
      h ^= bytes[i] & 0xFF;
      h *= 0x100000001b3L;
    }
    return h ^ (bytes.length - from);
  }

  interface UdpHandler {
    void datagram(long nanos, int srcPort, int dstPort, byte[] payload);
  }

  /** Reads a classic pcap file (micro- or nanosecond stamps, Ethernet or Linux cooked link) and hands over IPv4 UDP datagrams. */
  static void readCapture(Path file, UdpHandler handler) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      byte[] global = new byte[24];
      in.readFully(global);
      ByteBuffer g = ByteBuffer.wrap(global).order(ByteOrder.LITTLE_ENDIAN);
      int magic = g.getInt(0);
      ByteOrder order = ByteOrder.LITTLE_ENDIAN;
      if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
        order = ByteOrder.BIG_ENDIAN;
        magic = Integer.reverseBytes(magic);
      }
      boolean nanoStamps = switch (magic) {
        case 0xa1b2c3d4 -> false;
        case 0xa1b23c4d -> true;
        default -> throw new IOException("not a pcap file: magic " + Integer.toHexString(magic));
      };
      int linkType = ByteBuffer.wrap(global).order(order).getInt(20);
      int linkHeader = switch (linkType) {
        case 1 -> 14;   // Ethernet (loopback on Linux)
        case 113 -> 16; // Linux cooked
        case 0 -> 4;    // BSD loopback
        default -> throw new IOException("link type " + linkType + " not handled");
      };
      byte[] header = new byte[16];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException end) {
          return;
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        long seconds = h.getInt(0) & 0xFFFF_FFFFL;
        long fraction = h.getInt(4) & 0xFFFF_FFFFL;
        int captured = h.getInt(8);
        byte[] frame = new byte[captured];
        in.readFully(frame);
        long nanos = seconds * 1_000_000_000L + (nanoStamps ? fraction : fraction * 1000);
        int ip = linkHeader;
        if (frame.length < ip + 28 || (frame[ip] >> 4) != 4 || frame[ip + 9] != 17) continue;
        int ipHeader = (frame[ip] & 0x0F) * 4;
        int udp = ip + ipHeader;
        ByteBuffer u = ByteBuffer.wrap(frame);
        int srcPort = u.getShort(udp) & 0xFFFF;
        int dstPort = u.getShort(udp + 2) & 0xFFFF;
        int length = (u.getShort(udp + 4) & 0xFFFF) - 8;
        int available = Math.min(length, frame.length - udp - 8);
        if (available < 0) continue;
        handler.datagram(nanos, srcPort, dstPort, Arrays.copyOfRange(frame, udp + 8, udp + 8 + available));
      }
    }
  }
}
