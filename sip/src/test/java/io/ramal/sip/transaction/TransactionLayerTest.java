package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Messages.OUR_VIA;
import static io.ramal.sip.transaction.Messages.TCP_PEER;
import static io.ramal.sip.transaction.Messages.THEIR_TCP_VIA;
import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.ackFor2xx;
import static io.ramal.sip.transaction.Messages.ackForNon2xx;
import static io.ramal.sip.transaction.Messages.cancelFor;
import static io.ramal.sip.transaction.Messages.incoming;
import static io.ramal.sip.transaction.Messages.outgoing;
import static io.ramal.sip.transaction.Messages.request;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

class TransactionLayerTest {
  private final Harness h = new Harness();
  private final RecordingListener listener = new RecordingListener();

  @Test
  void responsesMatchingNoTransactionGoToTheTu() {
    SipRequest invite = outgoing("INVITE", "z9hG4bKgone");
    h.layer.receive(response(invite, 200, "late"), UDP_PEER);

    assertThat(h.user.strays).hasSize(1);
  }

  @Test
  void ackMatchingNothingGoesToTheTu() {
    SipRequest ack = ackFor2xx(incoming("INVITE", "z9hG4bKx"), "z9hG4bKack", "t9");
    h.layer.receive(ack, UDP_PEER);

    assertThat(h.user.acks).containsExactly(ack);
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void branchesMatchCaseInsensitively() {
    h.layer.send(outgoing("OPTIONS", "z9hG4bKAbC"), UDP_PEER, listener);
    h.layer.receive(response(outgoing("OPTIONS", "z9hG4bKabc"), 200, "t"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(200);
  }

  @Test
  void sameBranchFromAnotherSentByIsAnotherTransaction() {
    h.layer.receive(request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsame"), UDP_PEER);
    h.layer.receive(request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bKsame"), UDP_PEER);

    assertThat(h.user.requests).hasSize(2);
  }

  @Test
  void sendRejectsAckAndRequestsWithoutAnRfc3261Branch() {
    assertThatThrownBy(() -> h.layer.send(outgoing("ACK", "z9hG4bKa"), UDP_PEER, listener))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.layer.send(request("OPTIONS", "SIP/2.0/UDP 127.0.0.1:5060;branch=old"), UDP_PEER, listener))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(h.out.all()).isEmpty();
  }

  @Test
  void sendRefusesASecondLiveTransactionWithTheSameBranchAndMethod() {
    h.layer.send(outgoing("OPTIONS", "z9hG4bKdup"), UDP_PEER, listener);

    assertThatThrownBy(() -> h.layer.send(outgoing("OPTIONS", "z9hG4bKdup"), UDP_PEER, listener))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sendStatelessHandsTheMessageToTheTransport() {
    SipRequest ack = ackFor2xx(outgoing("INVITE", "z9hG4bKi"), "z9hG4bKack", "t");

    assertThat(h.layer.sendStateless(ack, UDP_PEER)).isTrue();
    assertThat(h.out.all()).singleElement().satisfies(s -> assertThat(s.message()).isEqualTo(ack));
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void transactionsAreRemovedAfterTimersSoNoneLeak() {
    // Client INVITE: rejected, cancelled, answered by two forks, timed out; over UDP and TCP.
    SipRequest rejected = outgoing("INVITE", "z9hG4bKl1");
    h.layer.send(rejected, UDP_PEER, listener);
    h.layer.receive(response(rejected, 486, "b"), UDP_PEER);
    SipRequest cancelled = outgoing("INVITE", "z9hG4bKl2");
    ClientTransaction cancelledTx = h.layer.send(cancelled, UDP_PEER, listener);
    cancelledTx.cancel();
    h.layer.receive(response(cancelled, 180, "b"), UDP_PEER);
    h.layer.receive(response(h.out.requests("CANCEL").get(0).request(), 200, "b"), UDP_PEER);
    h.layer.receive(response(cancelled, 487, "b"), UDP_PEER);
    SipRequest forked = outgoing("INVITE", "z9hG4bKl3");
    h.layer.send(forked, UDP_PEER, listener);
    h.layer.receive(response(forked, 200, "f1"), UDP_PEER);
    h.layer.receive(response(forked, 200, "f2"), UDP_PEER);
    h.layer.send(outgoing("INVITE", "z9hG4bKl4"), UDP_PEER, listener);
    h.layer.send(request("INVITE", OUR_VIA.replace("UDP", "TCP") + "z9hG4bKl5"), TCP_PEER, listener);
    // Client non-INVITE: answered, timed out.
    SipRequest options = outgoing("OPTIONS", "z9hG4bKl6");
    h.layer.send(options, UDP_PEER, listener);
    h.layer.receive(response(options, 200, "o"), UDP_PEER);
    h.layer.send(outgoing("BYE", "z9hG4bKl7"), UDP_PEER, listener);
    // Server INVITE: rejected and ACKed, rejected without ACK, accepted and ACKed, accepted without ACK, cancelled.
    h.user.answerWith(tx -> {});
    SipRequest in1 = incoming("INVITE", "z9hG4bKs1");
    h.layer.receive(in1, UDP_PEER);
    h.user.requests.get(0).respond(response(in1, 603, "t"));
    h.layer.receive(ackForNon2xx(in1, "t"), UDP_PEER);
    SipRequest in2 = incoming("INVITE", "z9hG4bKs2");
    h.layer.receive(in2, UDP_PEER);
    h.user.requests.get(1).respond(response(in2, 404, "t"));
    SipRequest in3 = request("INVITE", Messages.THEIR_VIA + "z9hG4bKs3", 3);
    h.layer.receive(in3, UDP_PEER);
    h.user.requests.get(2).respond(response(in3, 200, "t"));
    h.layer.receive(ackFor2xx(in3, "z9hG4bKs3ack", "t"), UDP_PEER);
    SipRequest in4 = request("INVITE", THEIR_TCP_VIA + "z9hG4bKs4", 4);
    h.layer.receive(in4, TCP_PEER);
    h.user.requests.get(3).respond(response(in4, 200, "t"));
    SipRequest in5 = request("INVITE", Messages.THEIR_VIA + "z9hG4bKs5", 5);
    h.layer.receive(in5, UDP_PEER);
    h.layer.receive(cancelFor(in5), UDP_PEER);
    h.user.cancels.get(0).respond(response(in5, 487, "t"));
    h.layer.receive(ackForNon2xx(in5, "t"), UDP_PEER);
    // Server non-INVITE, plus a CANCEL that matched nothing.
    SipRequest bye = incoming("BYE", "z9hG4bKs6");
    h.layer.receive(bye, UDP_PEER);
    h.user.requests.get(5).respond(response(bye, 200, "t"));
    h.layer.receive(cancelFor(incoming("INVITE", "z9hG4bKnone")), UDP_PEER);

    assertThat(h.layer.size()).isGreaterThan(10);
    h.advance(300);

    assertThat(h.layer.size()).isZero();
    assertThat(h.layer.holdsNothing()).isTrue();
    assertThat(h.observer.count("created")).isEqualTo(h.observer.count("terminated"));
    assertThat(h.scheduler.pendingTasks()).isZero();
  }
}
