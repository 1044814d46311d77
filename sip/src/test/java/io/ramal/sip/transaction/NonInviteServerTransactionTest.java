package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Harness.times;
import static io.ramal.sip.transaction.Messages.TCP_PEER;
import static io.ramal.sip.transaction.Messages.THEIR_TCP_VIA;
import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.incoming;
import static io.ramal.sip.transaction.Messages.request;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

class NonInviteServerTransactionTest {
  private final Harness h = new Harness();
  private final SipRequest bye = incoming("BYE", "z9hG4bKbye9");

  @Test
  void retransmissionBeforeAnyResponseIsAbsorbed() {
    h.layer.receive(bye, UDP_PEER);
    h.layer.receive(bye, UDP_PEER);

    assertThat(h.user.requests).hasSize(1);
    assertThat(h.user.requests.get(0).isInvite()).isFalse();
    assertThat(h.out.all()).isEmpty();
  }

  @Test
  void retransmissionGetsTheLastProvisionalThenTheFinal() {
    h.layer.receive(bye, UDP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(bye, 100, ""));
    h.advance(1);
    h.layer.receive(bye, UDP_PEER);
    tx.respond(response(bye, 200, "t1"));
    h.advance(1);
    h.layer.receive(bye, UDP_PEER);

    assertThat(h.out.all()).extracting(s -> s.response().status()).containsExactly(100, 100, 200, 200);
    assertThat(h.out.responseTimes(200)).isEqualTo(times(1, 2));
    assertThat(h.user.requests).hasSize(1);
  }

  @Test
  void completedTransactionLivesForTimerJ() {
    h.layer.receive(bye, UDP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(bye, 200, "t1"));
    h.advanceTo(31.9);
    h.layer.receive(bye, UDP_PEER);
    assertThat(h.user.requests).hasSize(1);
    assertThat(tx.isTerminated()).isFalse();

    h.advanceTo(32);
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
    h.layer.receive(bye, UDP_PEER);
    assertThat(h.user.requests).as("after Timer J the request is new again").hasSize(2);
  }

  @Test
  void aCompletedTransactionThatCannotResendEndsAndTellsTheObserver() {
    h.layer.receive(bye, UDP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(bye, 200, "t1"));
    h.out.refuse(peer -> true);
    h.layer.receive(bye, UDP_PEER);

    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
    assertThat(h.observer.events).contains("transport error server BYE", "terminated server BYE");
    assertThat(h.user.transportErrors).as("the TU's transaction is no longer held").isEmpty();
  }

  @Test
  void reliableTransportEndsAtOnceOnFinal() {
    SipRequest tcpBye = request("BYE", THEIR_TCP_VIA + "z9hG4bKbye8");
    h.layer.receive(tcpBye, TCP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(tcpBye, 200, "t1"));

    assertThat(h.out.responses(200)).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo(TCP_PEER));
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void theTuMayRespondInsideOnRequest() {
    h.user.answerWith(tx -> tx.respond(response(tx.request(), 200, "t1")));
    h.layer.receive(bye, UDP_PEER);

    assertThat(h.out.responses(200)).hasSize(1);
    assertThat(h.layer.size()).isEqualTo(1);
  }

  @Test
  void ignoresASecondFinalResponse() {
    h.layer.receive(bye, UDP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(bye, 200, "t1"));
    tx.respond(response(bye, 500, "t1"));

    assertThat(h.out.all()).hasSize(1);
    assertThat(h.observer.events).contains("ignored BYE 500");
  }
}
