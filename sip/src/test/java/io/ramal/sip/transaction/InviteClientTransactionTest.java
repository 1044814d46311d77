package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Harness.times;
import static io.ramal.sip.transaction.Messages.TCP_PEER;
import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.outgoing;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

class InviteClientTransactionTest {
  private final Harness h = new Harness();
  private final RecordingListener listener = new RecordingListener();
  private final SipRequest invite = outgoing("INVITE", "z9hG4bKinv1");

  @Test
  void retransmitsInviteWithDoublingIntervalsUntilTimerB() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);

    h.advance(31.9);
    assertThat(listener.timeouts).isZero();
    h.advance(60);

    assertThat(h.out.requestTimes("INVITE")).isEqualTo(times(0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5));
    assertThat(h.out.requests("INVITE")).allSatisfy(s -> assertThat(s.to()).isEqualTo(UDP_PEER));
    assertThat(listener.timeouts).isEqualTo(1);
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
    assertThat(h.observer.events).contains("timeout client INVITE", "terminated client INVITE");
    assertThat(h.observer.count("retransmission client INVITE")).isEqualTo(6);
  }

  @Test
  void provisionalResponseStopsRetransmissionsAndTimerB() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.advance(1);
    h.layer.receive(response(invite, 180, "b1"), UDP_PEER);
    h.advance(600);

    assertThat(h.out.requestTimes("INVITE")).isEqualTo(times(0, 0.5));
    assertThat(listener.statuses()).containsExactly(180);
    assertThat(listener.timeouts).isZero();
    assertThat(tx.isTerminated()).isFalse();
  }

  @Test
  void passesEveryProvisionalUp() {
    h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 100, ""), UDP_PEER);
    h.layer.receive(response(invite, 180, "b1"), UDP_PEER);
    h.layer.receive(response(invite, 183, "b1"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(100, 180, 183);
  }

  @Test
  void acksNon2xxFinalItselfWithResponseToTag() {
    h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(486);
    assertThat(h.out.requests("ACK")).hasSize(1);
    RecordingOutbound.Sent sent = h.out.requests("ACK").get(0);
    SipRequest ack = sent.request();
    assertThat(sent.to()).isEqualTo(UDP_PEER);
    assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
    assertThat(ack.callId()).isEqualTo(invite.callId());
    assertThat(ack.from()).isEqualTo(invite.from());
    assertThat(ack.to().tag()).contains("busy1");
    assertThat(ack.to().uri()).isEqualTo(invite.to().uri());
    assertThat(ack.cseq().seq()).isEqualTo(invite.cseq().seq());
    assertThat(ack.cseq().method()).isEqualTo("ACK");
    assertThat(ack.vias()).containsExactly(invite.topVia());
    assertThat(ack.headers().values(HeaderNames.ROUTE)).isEqualTo(invite.headers().values(HeaderNames.ROUTE));
    assertThat(ack.headers().has("Subject")).isFalse();
  }

  @Test
  void absorbsRetransmittedFinalByResendingAckUntilTimerD() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);
    h.advance(2);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(486);
    assertThat(h.out.requestTimes("ACK")).isEqualTo(times(0, 2));
    assertThat(h.out.requestTimes("INVITE")).isEqualTo(times(0));

    h.advanceTo(31.9);
    assertThat(tx.isTerminated()).isFalse();
    h.advanceTo(32);
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void a2xxAfterARejectionGoesToTheTuAsAStray() {
    h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);
    h.layer.receive(response(invite, 200, "other1"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(486);
    assertThat(h.user.strays).extracting(r -> r.to().tag().orElse("")).containsExactly("other1");
    assertThat(h.out.requests("ACK")).as("only the rejection's ACK: a 2xx is the TU's to acknowledge").hasSize(1);
  }

  @Test
  void reliableTransportNeverRetransmits() {
    h.layer.send(invite, TCP_PEER, listener);
    h.advance(31.9);
    assertThat(h.out.requests("INVITE")).hasSize(1);
    assertThat(listener.timeouts).isZero();

    h.advance(0.1);
    assertThat(listener.timeouts).as("Timer B still applies").isEqualTo(1);
    assertThat(h.out.requests("INVITE")).hasSize(1);
  }

  @Test
  void reliableTransportEndsAtOnceAfterAckingNon2xx() {
    ClientTransaction tx = h.layer.send(invite, TCP_PEER, listener);
    h.layer.receive(response(invite, 603, "d1"), TCP_PEER);

    assertThat(h.out.requests("ACK")).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo(TCP_PEER));
    assertThat(tx.isTerminated()).isTrue();
    assertThat(listener.terminatedAtLastCallback).isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void forked2xxResponsesAllReachTheListener() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 180, "fork1"), UDP_PEER);
    h.layer.receive(response(invite, 200, "fork1"), UDP_PEER);
    h.layer.receive(response(invite, 200, "fork2"), UDP_PEER);
    h.advance(1);
    h.layer.receive(response(invite, 200, "fork1"), UDP_PEER);

    assertThat(listener.responses).extracting(r -> r.status() + " " + r.to().tag().orElse(""))
        .containsExactly("180 fork1", "200 fork1", "200 fork2", "200 fork1");
    assertThat(h.out.requests("ACK")).as("the TU acknowledges 2xx").isEmpty();
    assertThat(h.out.requests("INVITE")).hasSize(1);

    h.advanceTo(31.9);
    assertThat(tx.isTerminated()).isFalse();
    h.advanceTo(32);
    assertThat(tx.isTerminated()).as("Timer M").isTrue();

    h.layer.receive(response(invite, 200, "fork3"), UDP_PEER);
    assertThat(h.user.strays).extracting(r -> r.to().tag().orElse("")).containsExactly("fork3");
  }

  @Test
  void a2xxAfterHandOverReachesOnlyTheNewListenerUntilTimerM() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 200, "fork1"), UDP_PEER);
    RecordingListener late = new RecordingListener();
    tx.handOver(late);
    h.advance(1);
    h.layer.receive(response(invite, 200, "fork1"), UDP_PEER);
    h.layer.receive(response(invite, 200, "fork2"), UDP_PEER);

    assertThat(listener.statuses()).as("the first listener saw the answer only").containsExactly(200);
    assertThat(late.responses).extracting(r -> r.to().tag().orElse("")).containsExactly("fork1", "fork2");
    h.advanceTo(32);
    assertThat(tx.isTerminated()).as("Timer M still runs").isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void provisionalAfter2xxIsIgnored() {
    h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 200, "b1"), UDP_PEER);
    h.layer.receive(response(invite, 180, "b2"), UDP_PEER);
    h.layer.receive(response(invite, 486, "b3"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(200);
    assertThat(h.out.requests("ACK")).isEmpty();
  }

  @Test
  void cancelBeforeProvisionalIsDeferred() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    tx.cancel();
    h.advance(1);
    assertThat(h.out.requests("CANCEL")).isEmpty();

    h.layer.receive(response(invite, 100, ""), UDP_PEER);

    assertThat(h.out.requests("CANCEL")).hasSize(1);
    assertThat(h.out.requests("CANCEL").get(0).at()).isEqualTo(Harness.seconds(1));
    assertThat(h.layer.size()).isEqualTo(2);
  }

  @Test
  void cancelCopiesTheInviteAsSection9Asks() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 180, "ringing1"), UDP_PEER);
    tx.cancel();

    RecordingOutbound.Sent sent = h.out.requests("CANCEL").get(0);
    SipRequest cancel = sent.request();
    assertThat(sent.to()).isEqualTo(UDP_PEER);
    assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
    assertThat(cancel.callId()).isEqualTo(invite.callId());
    assertThat(cancel.from()).isEqualTo(invite.from());
    assertThat(cancel.to()).as("no tag added").isEqualTo(invite.to());
    assertThat(cancel.vias()).containsExactly(invite.topVia());
    assertThat(cancel.cseq().seq()).isEqualTo(invite.cseq().seq());
    assertThat(cancel.cseq().method()).isEqualTo("CANCEL");
    assertThat(cancel.headers().values(HeaderNames.ROUTE)).isEqualTo(invite.headers().values(HeaderNames.ROUTE));
    assertThat(cancel.headers().first(HeaderNames.MAX_FORWARDS)).isEqualTo(invite.headers().first(HeaderNames.MAX_FORWARDS));
    assertThat(cancel.headers().has("Subject")).isFalse();
  }

  @Test
  void cancelIsIdempotent() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    tx.cancel();
    tx.cancel();
    h.layer.receive(response(invite, 180, "r1"), UDP_PEER);
    tx.cancel();
    h.layer.receive(response(invite, 183, "r1"), UDP_PEER);

    assertThat(h.out.requests("CANCEL")).hasSize(1);
  }

  @Test
  void cancelAfterFinalResponseDoesNothing() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 200, "b1"), UDP_PEER);
    tx.cancel();
    ClientTransaction other = h.layer.send(outgoing("INVITE", "z9hG4bKinv2"), UDP_PEER, listener);
    h.layer.receive(response(other.request(), 480, "b2"), UDP_PEER);
    other.cancel();

    assertThat(h.out.requests("CANCEL")).isEmpty();
  }

  @Test
  void cancelledInviteEndsWith487AndItsAck() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 180, "r1"), UDP_PEER);
    tx.cancel();
    SipRequest cancel = h.out.requests("CANCEL").get(0).request();
    h.layer.receive(response(cancel, 200, "r1"), UDP_PEER);
    h.layer.receive(response(invite, 487, "r1"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(180, 487);
    assertThat(h.out.requests("ACK")).hasSize(1);
    assertThat(h.user.strays).as("the CANCEL's 200 belongs to the CANCEL transaction").isEmpty();
    h.advance(40);
    assertThat(h.layer.size()).isZero();
    assertThat(listener.timeouts).isZero();
  }

  @Test
  void cancelledInviteWithoutFinalResponseTimesOutAfter64T1() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 180, "r1"), UDP_PEER);
    h.advance(10);
    tx.cancel();
    SipRequest cancel = h.out.requests("CANCEL").get(0).request();
    h.layer.receive(response(cancel, 200, "r1"), UDP_PEER);

    h.advanceTo(41.9);
    assertThat(listener.timeouts).isZero();
    h.advanceTo(42);
    assertThat(listener.timeouts).isEqualTo(1);
    assertThat(tx.isTerminated()).isTrue();
  }

  @Test
  void transportErrorOnFirstSendIsReportedAfterSendReturns() {
    h.out.refuse(peer -> true);
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    assertThat(listener.transportErrors).isZero();
    assertThat(tx.isTerminated()).isTrue();

    h.scheduler.runDue();

    assertThat(listener.transportErrors).isEqualTo(1);
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void transportErrorOnRetransmissionEndsTheTransaction() {
    ClientTransaction tx = h.layer.send(invite, UDP_PEER, listener);
    h.out.refuse(peer -> true);
    h.advance(0.5);

    assertThat(listener.transportErrors).isEqualTo(1);
    assertThat(tx.isTerminated()).isTrue();
    h.advance(60);
    assertThat(listener.timeouts).isZero();
  }
}
