package io.ramal.sip.transaction;

import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Outbound;
import io.ramal.sip.transport.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records what the layer sent, where and when; refuses destinations the test names. Messages sent
 * in wire form are parsed back, and every record keeps the bytes that went (or would go) out.
 */
final class RecordingOutbound implements Outbound {
  record Sent(SipMessage message, byte[] wire, Peer to, Duration at) {
    SipRequest request() {
      return (SipRequest) message;
    }

    SipResponse response() {
      return (SipResponse) message;
    }
  }

  private final ManualScheduler clock;
  private final List<Sent> sent = new ArrayList<>();
  private Predicate<Peer> refused = peer -> false;

  RecordingOutbound(ManualScheduler clock) {
    this.clock = clock;
  }

  @Override
  public boolean send(SipMessage message, Peer to) {
    if (refused.test(to)) return false;
    sent.add(new Sent(message, message.toBytes(), to, clock.now()));
    return true;
  }

  @Override
  public boolean sendEncoded(byte[] message, Peer to) {
    if (refused.test(to)) return false;
    if (!(SipParser.parse(message) instanceof ParseResult.Parsed(SipMessage parsed))) {
      throw new AssertionError("the layer sent bytes that do not parse");
    }
    sent.add(new Sent(parsed, message.clone(), to, clock.now()));
    return true;
  }

  void refuse(Predicate<Peer> which) {
    refused = which;
  }

  List<Sent> all() {
    return List.copyOf(sent);
  }

  List<Sent> requests(String method) {
    return sent.stream().filter(s -> s.message() instanceof SipRequest r && r.isMethod(method)).toList();
  }

  List<Sent> responses(int status) {
    return sent.stream().filter(s -> s.message() instanceof SipResponse r && r.status() == status).toList();
  }

  List<Duration> requestTimes(String method) {
    return requests(method).stream().map(Sent::at).toList();
  }

  List<Duration> responseTimes(int status) {
    return responses(status).stream().map(Sent::at).toList();
  }

  void clear() {
    sent.clear();
  }
}
