package io.ramal.bench;

import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transaction.Scheduler;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transaction.TimerSettings;
import io.ramal.sip.transaction.TransactionLayer;
import io.ramal.sip.transaction.TransactionObserver;
import io.ramal.sip.transaction.TransactionUser;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Heap kept per completed transaction: drives {@code N} transactions (default 10,000) of one kind
 * through a {@link TransactionLayer} into their Completed state over UDP and prints the growth of
 * the used heap after full collections divided by {@code N}. One kind per JVM: layers of an
 * earlier kind were sometimes still counted when one JVM measured all four in a row. Every message is
 * parsed from its own bytes; the TU answers inside {@code onRequest} and keeps nothing; timers are
 * held (so every transaction stays) but never run; the way out accepts and drops everything. What
 * is counted is what the layer and its pending timers keep.
 *
 * <ul>
 *   <li>server non-INVITE: a BYE answered 200 (waits for Timer J)
 *   <li>server INVITE: an INVITE with SDP answered 486 (Timers G and H)
 *   <li>client non-INVITE: a BYE sent, its 200 received (Timer K)
 *   <li>client INVITE: an INVITE with SDP sent, its 486 received and ACKed (Timer D)
 * </ul>
 *
 * <p>usage: {@code java -cp benchmarks.jar io.ramal.bench.TransactionHeap [N]
 * [server-non-invite|server-invite|client-non-invite|client-invite]}
 */
public final class TransactionHeap {
  private static final String DOMAIN = "pbx.example.com";

  private enum Kind { SERVER_NON_INVITE, SERVER_INVITE, CLIENT_NON_INVITE, CLIENT_INVITE }

  private TransactionHeap() {}

  public static void main(String[] args) throws InterruptedException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    String kindName = args.length > 1 ? args[1] : "server-non-invite";
    Kind kind = Kind.valueOf(kindName.toUpperCase(Locale.ROOT).replace('-', '_'));
    fill(kind, 0, 2_000); // warm the code paths on a throwaway layer
    long before = UsedHeap.afterFullCollections();
    TransactionLayer layer = fill(kind, 2_000, count);
    long after = UsedHeap.afterFullCollections();
    if (layer.size() != count) {
      throw new IllegalStateException(kind + ": " + layer.size() + " transactions kept, not " + count);
    }
    System.out.printf(Locale.ROOT, "%-18s %,d completed transactions, bytes per transaction: %d%n",
        kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), count, (after - before) / count);
    java.lang.ref.Reference.reachabilityFence(layer);
  }

  /** A layer holding {@code count} completed transactions of one kind, numbered from {@code first}. */
  private static TransactionLayer fill(Kind kind, int first, int count) {
    TransactionLayer layer = new TransactionLayer((message, to) -> true, new HeldTimers(), TimerSettings.RFC3261,
        new AnsweringUser(), TransactionObserver.NONE);
    for (int i = first; i < first + count; i++) {
      String id = "%08x".formatted(i * 0x9E3779B1);
      switch (kind) {
        case SERVER_NON_INVITE -> layer.receive(parse(bye(id, false)), phone(i));
        case SERVER_INVITE -> layer.receive(parse(invite(id, false)), phone(i));
        case CLIENT_NON_INVITE -> {
          layer.send((SipRequest) parse(bye(id, true)), phone(i), IGNORING);
          layer.receive(parse(response(bye(id, true), 200, "OK")), phone(i));
        }
        case CLIENT_INVITE -> {
          layer.send((SipRequest) parse(invite(id, true)), phone(i), IGNORING);
          layer.receive(parse(response(invite(id, true), 486, "Busy Here")), phone(i));
        }
      }
    }
    return layer;
  }

  private static Peer phone(int i) {
    return Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 20_000 + i % 40_000));
  }

  /** A BYE from a phone, or ({@code ours}) one the PBX sends to it. */
  private static String bye(String id, boolean ours) {
    return """
        BYE sip:1002@127.0.0.1:5062 SIP/2.0
        Via: %2$s;branch=z9hG4bK-524287-1---%1$s;rport
        Max-Forwards: 70
        Contact: <sip:1001@127.0.0.1:5060;transport=udp>
        To: <sip:1002@%3$s>;tag=as%1$s
        From: "Alice Martins" <sip:1001@%3$s>;tag=%1$s
        Call-ID: 3c2d8e1a47b6f90e5d14%1$s@127.0.0.1
        CSeq: 3 BYE
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Content-Length: 0

        """.formatted(id, via(ours), DOMAIN);
  }

  /** An INVITE with an SDP offer from a phone, or ({@code ours}) one the PBX sends. */
  private static String invite(String id, boolean ours) {
    String sdp = """
        v=0
        o=- 20519 20519 IN IP4 127.0.0.1
        s=SDP data
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 11780 RTP/AVP 0 8 9 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:9 G722/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20
        a=sendrecv
        """;
    return """
        INVITE sip:1002@%3$s SIP/2.0
        Via: %2$s;branch=z9hG4bK-524287-1---%1$s;rport
        Max-Forwards: 70
        Contact: <sip:1001@127.0.0.1:5060;transport=udp>
        To: <sip:1002@%3$s>
        From: "Alice Martins" <sip:1001@%3$s>;tag=%1$s
        Call-ID: 3c2d8e1a47b6f90e5d14%1$s@127.0.0.1
        CSeq: 2 INVITE
        Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, INFO, SUBSCRIBE, UPDATE
        Supported: replaces, timer, norefersub
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Allow-Events: talk, hold, conference, refer, check-sync
        Content-Type: application/sdp
        Content-Length: %4$d

        %5$s""".formatted(id, via(ours), DOMAIN, sdp.replace("\n", "\r\n").length(), sdp);
  }

  private static String via(boolean ours) {
    return ours ? "SIP/2.0/UDP 127.0.0.1:5060" : "SIP/2.0/UDP 127.0.0.1:5062";
  }

  /** The far end's answer to {@code request}: its Via, From, To (tagged), Call-ID and CSeq. */
  private static String response(String request, int status, String reason) {
    StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append('\n');
    for (String line : request.split("\n")) {
      if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
          || line.startsWith("CSeq:")) {
        b.append(line).append('\n');
      } else if (line.startsWith("To:")) {
        b.append(line.contains(";tag=") ? line : line + ";tag=callee1").append('\n');
      }
    }
    return b.append("Server: Grandstream GXP2170 1.0.11.23\nContent-Length: 0\n\n").toString();
  }

  private static SipMessage parse(String text) {
    byte[] wire = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    if (!(SipParser.parse(wire) instanceof ParseResult.Parsed(SipMessage message))) {
      throw new IllegalStateException("does not parse:\n" + text);
    }
    return message;
  }

  /** Timers that never fire: every transaction stays where it is. Cancelling forgets the task. */
  private static final class HeldTimers implements Scheduler {
    private final Set<Object> pending = new HashSet<>();

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      Object entry = new Object[] {task};
      pending.add(entry);
      return () -> pending.remove(entry);
    }
  }

  /** Answers at once (486 to INVITE, 200 to anything else) and keeps nothing. */
  private static final class AnsweringUser implements TransactionUser {
    @Override
    public void onRequest(ServerTransaction tx) {
      String tag = "t" + Integer.toHexString(tx.request().callId().hashCode());
      tx.respond(SipResponse.to(tx.request(), tx.isInvite() ? 486 : 200, tag));
    }

    @Override
    public void onAck(SipRequest ack, Peer from) {}

    @Override
    public void onCancel(ServerTransaction invite) {}

    @Override
    public void onStrayResponse(SipResponse response, Peer from) {}
  }

  private static final ClientTransaction.Listener IGNORING = new ClientTransaction.Listener() {
    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {}

    @Override
    public void onTimeout(ClientTransaction tx) {}

    @Override
    public void onTransportError(ClientTransaction tx) {}
  };
}
