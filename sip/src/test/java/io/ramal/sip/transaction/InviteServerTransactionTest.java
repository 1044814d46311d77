package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Harness.times;
import static io.ramal.sip.transaction.Messages.TCP_PEER;
import static io.ramal.sip.transaction.Messages.THEIR_TCP_VIA;
import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.ackFor2xx;
import static io.ramal.sip.transaction.Messages.ackForNon2xx;
import static io.ramal.sip.transaction.Messages.incoming;
import static io.ramal.sip.transaction.Messages.request;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class InviteServerTransactionTest {
  private final Harness h = new Harness();
  private final SipRequest invite = incoming("INVITE", "z9hG4bKsrv1");

  private ServerTransaction receiveInvite() {
    h.layer.receive(invite, UDP_PEER);
    assertThat(h.user.requests).hasSize(1);
    return h.user.requests.get(0);
  }

  @Test
  void handsTheInviteToTheTuWithoutSendingTrying() {
    ServerTransaction tx = receiveInvite();

    assertThat(tx.isInvite()).isTrue();
    assertThat(tx.request()).isEqualTo(invite);
    assertThat(tx.peer()).isEqualTo(UDP_PEER);
    assertThat(tx.lastResponse()).isEmpty();
    assertThat(h.out.all()).isEmpty();
    assertThat(h.observer.events).containsExactly("created server INVITE");
  }

  @Test
  void absorbsRetransmittedInviteAndResendsLastProvisional() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 100, ""));
    tx.respond(response(invite, 180, "t1"));
    h.advance(0.5);
    h.layer.receive(invite, UDP_PEER);

    assertThat(h.user.requests).hasSize(1);
    assertThat(h.out.all()).extracting(s -> s.response().status()).containsExactly(100, 180, 180);
    assertThat(h.out.responseTimes(180)).isEqualTo(times(0, 0.5));
    assertThat(tx.lastResponse()).map(SipResponse::status).contains(180);
    assertThat(h.layer.size()).isEqualTo(1);
  }

  @Test
  void retransmittedInviteBeforeAnyResponseIsAbsorbedSilently() {
    receiveInvite();
    h.layer.receive(invite, UDP_PEER);

    assertThat(h.user.requests).hasSize(1);
    assertThat(h.out.all()).isEmpty();
  }

  @Test
  void retransmitsNon2xxFinalWithTimerGUntilTimerH() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 486, "t1"));
    h.advanceTo(31.9);
    assertThat(tx.isTerminated()).isFalse();
    h.advanceTo(32);

    assertThat(h.out.responseTimes(486))
        .isEqualTo(times(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5));
    assertThat(tx.isTerminated()).as("Timer H").isTrue();
    assertThat(h.observer.events).contains("timeout server INVITE");
    assertThat(h.user.ackTimeouts).isEmpty();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void ackForNon2xxStopsRetransmissionsAndIsAbsorbedUntilTimerI() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 486, "t1"));
    h.advance(2);
    SipRequest ack = ackForNon2xx(invite, "t1");
    h.layer.receive(ack, UDP_PEER);
    h.advance(1);
    h.layer.receive(ack, UDP_PEER);
    h.layer.receive(invite, UDP_PEER);

    assertThat(h.user.acks).isEmpty();
    assertThat(h.out.responseTimes(486)).isEqualTo(times(0, 0.5, 1.5));
    h.advanceTo(6.9);
    assertThat(tx.isTerminated()).isFalse();
    h.advanceTo(7);
    assertThat(tx.isTerminated()).as("Timer I = T4").isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void retransmittedInviteInCompletedGetsTheFinalAgain() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 404, "t1"));
    h.advance(0.2);
    h.layer.receive(invite, UDP_PEER);

    assertThat(h.out.responseTimes(404)).isEqualTo(times(0, 0.2));
    assertThat(h.user.requests).hasSize(1);
  }

  @Test
  void retransmits2xxUntilAckThenStops() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 200, "t1"));
    h.advance(4);
    SipRequest ack = ackFor2xx(invite, "z9hG4bKack1", "t1");
    h.layer.receive(ack, UDP_PEER);
    h.advance(60);

    assertThat(h.out.responseTimes(200)).isEqualTo(times(0, 0.5, 1.5, 3.5));
    assertThat(h.user.acks).containsExactly(ack);
    assertThat(h.user.ackTimeouts).isEmpty();
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void laterAcksFor2xxStillReachTheTu() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 200, "t1"));
    SipRequest ack = ackFor2xx(invite, "z9hG4bKack1", "t1");
    h.layer.receive(ack, UDP_PEER);
    h.layer.receive(ack, UDP_PEER);
    h.advance(40);
    h.layer.receive(ack, UDP_PEER);

    assertThat(h.user.acks).hasSize(3);
    assertThat(tx.isTerminated()).isTrue();
  }

  @Test
  void reportsAckTimeoutAfter64T1() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 200, "t1"));
    h.advanceTo(31.9);
    assertThat(h.user.ackTimeouts).isEmpty();
    h.advanceTo(32);

    assertThat(h.out.responseTimes(200))
        .isEqualTo(times(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5));
    assertThat(h.user.ackTimeouts).containsExactly(tx);
    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void absorbsInviteRetransmissionsInAcceptedState() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 200, "t1"));
    h.layer.receive(ackFor2xx(invite, "z9hG4bKack1", "t1"), UDP_PEER);
    h.advance(10);
    h.layer.receive(invite, UDP_PEER);

    assertThat(h.user.requests).hasSize(1);
    assertThat(h.out.responses(200)).hasSize(1);
    assertThat(tx.isTerminated()).as("Timer L keeps it until 64*T1").isFalse();
  }

  @Test
  void ignoresResponsesAfterAFinalResponse() {
    ServerTransaction tx = receiveInvite();
    tx.respond(response(invite, 200, "t1"));
    tx.respond(response(invite, 486, "t1"));
    tx.respond(response(invite, 180, "t1"));

    assertThat(h.out.all()).extracting(s -> s.response().status()).containsExactly(200);
    assertThat(tx.lastResponse()).map(SipResponse::status).contains(200);
    assertThat(h.observer.events).contains("ignored INVITE 486", "ignored INVITE 180");
  }

  @Test
  void reliableTransportNeverRetransmitsAndEndsOnAck() {
    SipRequest tcpInvite = request("INVITE", THEIR_TCP_VIA + "z9hG4bKtcp1");
    h.layer.receive(tcpInvite, TCP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(tcpInvite, 486, "t1"));
    h.advance(20);
    assertThat(h.out.responses(486)).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo(TCP_PEER));

    h.layer.receive(ackForNon2xx(tcpInvite, "t1"), TCP_PEER);

    assertThat(tx.isTerminated()).as("Timer I is zero").isTrue();
    assertThat(h.user.acks).isEmpty();
  }

  @Test
  void reliable2xxIsNotRetransmittedButStillWaitsForAck() {
    SipRequest tcpInvite = request("INVITE", THEIR_TCP_VIA + "z9hG4bKtcp2");
    h.layer.receive(tcpInvite, TCP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(tcpInvite, 200, "t1"));
    h.advance(32);

    assertThat(h.out.responses(200)).hasSize(1);
    assertThat(h.user.ackTimeouts).containsExactly(tx);
  }

  @Test
  void rfc2543RetransmittedInviteDoesNotCreateASecondTransaction() {
    SipRequest old = request("INVITE", "SIP/2.0/UDP 127.0.0.1:5070");
    h.layer.receive(old, UDP_PEER);
    h.layer.receive(old, UDP_PEER);
    assertThat(h.user.requests).hasSize(1);

    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(old, 486, "t1"));
    h.layer.receive(ackForNon2xx(old, "t1"), UDP_PEER);

    assertThat(h.user.acks).as("the ACK matched the INVITE transaction").isEmpty();
    h.advance(0.5);
    assertThat(h.out.responses(486)).as("Timer G stopped by the ACK").hasSize(1);
  }

  @Test
  void respondsToTheViaSentByPortWithoutRport() {
    SipRequest noRport = request("INVITE", "SIP/2.0/UDP 127.0.0.1:5072;branch=z9hG4bKnr1");
    h.layer.receive(noRport, UDP_PEER);
    h.user.requests.get(0).respond(response(noRport, 180, "t1"));

    assertThat(h.out.all().get(0).to()).isEqualTo(Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5072)));
  }

  @Test
  void transportErrorEndsTheTransactionAndTellsTheTu() {
    ServerTransaction tx = receiveInvite();
    h.out.refuse(peer -> true);
    tx.respond(response(invite, 180, "t1"));

    assertThat(tx.isTerminated()).isTrue();
    assertThat(h.user.transportErrors).containsExactly(tx);
    assertThat(h.observer.events).contains("transport error server INVITE");
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void lostTcpConnectionFallsBackToANewConnectionToTheSentBy() {
    SipRequest tcpInvite = request("INVITE", THEIR_TCP_VIA + "z9hG4bKtcp3");
    h.layer.receive(tcpInvite, TCP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    h.out.refuse(peer -> peer.equals(TCP_PEER));
    tx.respond(response(tcpInvite, 180, "t1"));
    tx.respond(response(tcpInvite, 200, "t1"));

    Peer sentBy = Peer.of(Transport.TCP, new InetSocketAddress("127.0.0.1", 5070));
    assertThat(h.out.all()).extracting(RecordingOutbound.Sent::to).containsExactly(sentBy, sentBy);
    assertThat(tx.isTerminated()).isFalse();
  }
}
