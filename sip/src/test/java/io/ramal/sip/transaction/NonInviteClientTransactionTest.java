package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Harness.times;
import static io.ramal.sip.transaction.Messages.TCP_PEER;
import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.outgoing;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

class NonInviteClientTransactionTest {
  private final Harness h = new Harness();
  private final RecordingListener listener = new RecordingListener();
  private final SipRequest bye = outgoing("BYE", "z9hG4bKbye1");

  @Test
  void nonInviteRetransmissionsCapAtT2UntilTimerF() {
    ClientTransaction tx = h.layer.send(bye, UDP_PEER, listener);
    h.advance(31.9);
    assertThat(listener.timeouts).isZero();
    h.advance(30);

    assertThat(h.out.requestTimes("BYE"))
        .isEqualTo(times(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5));
    assertThat(listener.timeouts).isEqualTo(1);
    assertThat(listener.terminatedAtLastCallback).isTrue();
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
    assertThat(h.observer.events).contains("timeout client BYE");
  }

  @Test
  void proceedingRetransmitsEveryT2() {
    h.layer.send(bye, UDP_PEER, listener);
    h.advance(0.2);
    h.layer.receive(response(bye, 100, ""), UDP_PEER);
    h.advanceTo(13);
    h.layer.receive(response(bye, 200, "b1"), UDP_PEER);
    h.advance(30);

    assertThat(h.out.requestTimes("BYE")).isEqualTo(times(0, 0.5, 4.5, 8.5, 12.5));
    assertThat(listener.statuses()).containsExactly(100, 200);
    assertThat(listener.timeouts).isZero();
  }

  @Test
  void timerFStillAppliesWhileProceeding() {
    h.layer.send(bye, UDP_PEER, listener);
    h.layer.receive(response(bye, 100, ""), UDP_PEER);
    h.advance(32);

    assertThat(listener.timeouts).isEqualTo(1);
  }

  @Test
  void absorbsRetransmittedFinalUntilTimerK() {
    ClientTransaction tx = h.layer.send(bye, UDP_PEER, listener);
    h.layer.receive(response(bye, 200, "b1"), UDP_PEER);
    h.advance(1);
    h.layer.receive(response(bye, 200, "b1"), UDP_PEER);

    assertThat(listener.statuses()).containsExactly(200);
    assertThat(h.out.requests("BYE")).hasSize(1);
    assertThat(h.user.strays).isEmpty();
    h.advanceTo(4.9);
    assertThat(tx.isTerminated()).isFalse();
    h.advanceTo(5);
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void reliableTransportNeverRetransmitsAndEndsOnFinal() {
    ClientTransaction tx = h.layer.send(bye, TCP_PEER, listener);
    h.advance(20);
    assertThat(h.out.requests("BYE")).hasSize(1);

    h.layer.receive(response(bye, 200, "b1"), TCP_PEER);

    assertThat(tx.isTerminated()).as("Timer K is zero").isTrue();
    assertThat(listener.statuses()).containsExactly(200);
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void responseForAnotherMethodWithTheSameBranchDoesNotMatch() {
    h.layer.send(bye, UDP_PEER, listener);
    h.layer.receive(response(outgoing("INFO", "z9hG4bKbye1"), 200, "b1"), UDP_PEER);

    assertThat(listener.responses).isEmpty();
    assertThat(h.user.strays).hasSize(1);
  }

  @Test
  void onlyInviteTransactionsCanBeCancelled() {
    ClientTransaction tx = h.layer.send(bye, UDP_PEER, listener);

    assertThatThrownBy(tx::cancel).isInstanceOf(IllegalStateException.class);
  }
}
