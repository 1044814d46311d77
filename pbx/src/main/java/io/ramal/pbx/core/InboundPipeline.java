package io.ramal.pbx.core;

import java.util.function.LongSupplier;

import io.ramal.pbx.transport.InboundSink;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.MalformedException;
import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.ReasonPhrase;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.Snippet;
import io.ramal.sip.message.Via;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;

/**
 * The stateless front of every inbound frame, on the transport's thread:
 * blocked source? → parse → malformed: 400/505 or drop → stamp received/rport (RFC 3581) →
 * shard overloaded and this is new work? 503 + Retry-After → hand to the shard owning the
 * Call-ID, where the transaction layer takes over.
 */
public final class InboundPipeline implements InboundSink {
  private final Authenticator authenticator;
  private final Outbound outbound;
  private final Shards shards;
  private final PbxEvents events;
  private final LongSupplier nanoTime;

  public InboundPipeline(Authenticator authenticator, Outbound outbound, Shards shards, PbxEvents events,
      LongSupplier nanoTime) {
    this.authenticator = authenticator;
    this.outbound = outbound;
    this.shards = shards;
    this.events = events;
    this.nanoTime = nanoTime;
  }

  @Override
  public void receive(byte[] frame, Peer from) {
    if (isKeepAlive(frame)) return;
    if (authenticator.isBlocked(from)) {
      events.messageRejected(from, 0, "blocked source");
      return;
    }
    switch (SipParser.parse(frame)) {
      case ParseResult.Malformed m -> malformed(m, from);
      case ParseResult.Parsed p -> {
        SipMessage msg = p.message();
        if (msg instanceof SipRequest r) msg = stampSource(r, from);
        SipMessage ready = msg;
        Shards.Lane lane = shards.lane(shards.indexFor(ready.callId()));
        ShardLoad load = lane.load();
        if (ready instanceof SipRequest r && isNewWork(r) && load.overloaded()) {
          shed(r, from, load.policy());
          return;
        }
        long enqueuedAt = nanoTime.getAsLong();
        load.enqueued();
        lane.shard().execute(() -> {
          load.started(enqueuedAt, nanoTime.getAsLong());
          lane.layer().receive(ready, from);
        });
      }
    }
  }

  /** A request that starts something (no dialog yet); ACK and CANCEL only finish work already taken. */
  static boolean isNewWork(SipRequest r) {
    String method = r.method();
    return !method.equals("ACK") && !method.equals("CANCEL") && r.to().tag().isEmpty();
  }

  /** Stateless 503 (RFC 3261 §21.5.4): cheap to send, and Retry-After tells well-behaved clients when to come back. */
  private void shed(SipRequest r, Peer from, OverloadPolicy policy) {
    events.messageRejected(from, 503, "overloaded");
    // Derived from the branch so a retransmitted request gets the same To tag, as a stateless UAS must.
    String tag = "ov" + Integer.toHexString(r.topVia().branch().orElse(r.callId()).hashCode());
    SipResponse busy = SipResponse.to(r, 503, tag).withReason("Service Unavailable");
    busy = busy.withHeaders(busy.headers().toBuilder()
        .set(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, policy.retryAfter().toSeconds()))).build());
    try {
      outbound.send(busy, from);
    } catch (MalformedException | IllegalArgumentException e) {
      // the request parsed, so its response serializes; nothing else to do if it does not
    }
  }

  private static boolean isKeepAlive(byte[] frame) {
    for (byte b : frame) if (b != '\r' && b != '\n' && b != 0) return false;
    return true;
  }

  /** RFC 3261 §18.2.1 received and RFC 3581 rport, so responses find their way back through NAT. */
  static SipRequest stampSource(SipRequest r, Peer from) {
    Via top = r.topVia();
    String ip = from.address().getAddress().getHostAddress();
    Via stamped = top;
    boolean sameHost = top.hostName().equalsIgnoreCase(ip) || top.hostName().equalsIgnoreCase(from.hostForSip());
    if (!sameHost || top.hasRport()) stamped = stamped.withParam("received", ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip);
    if (top.hasRport()) stamped = stamped.withParam("rport", Integer.toString(from.port()));
    if (stamped == top) return r;
    Headers.Builder h = r.headers().toBuilder().removeFirstValue(HeaderNames.VIA).prepend(HeaderNames.VIA, stamped.toString());
    return r.withHeaders(h.build());
  }

  private void malformed(ParseResult.Malformed m, Peer from) {
    events.messageRejected(from, m.status(), m.reason());
    if (!m.request()) return;
    Headers raw = m.headers();
    if (!raw.has(HeaderNames.VIA) || raw.first(HeaderNames.CSEQ).map(c -> c.contains("ACK")).orElse(true)) return;
    Headers.Builder h = Headers.builder();
    for (String name : new String[] {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ}) {
      h.copy(raw, name);
    }
    String reason = ReasonPhrase.of(m.status()) + " (" + Snippet.of(m.reason()) + ")";
    try {
      outbound.send(new SipResponse(m.status(), reason, h.build(), new byte[0]), from);
    } catch (MalformedException | IllegalArgumentException e) {
      // nothing sensible can be sent back
    }
  }
}
