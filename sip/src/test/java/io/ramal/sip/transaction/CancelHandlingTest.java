package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.ackForNon2xx;
import static io.ramal.sip.transaction.Messages.cancelFor;
import static io.ramal.sip.transaction.Messages.incoming;
import static io.ramal.sip.transaction.Messages.request;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

class CancelHandlingTest {
  private final Harness h = new Harness();
  private final SipRequest invite = incoming("INVITE", "z9hG4bKc1");
  private final SipRequest cancel = cancelFor(invite);

  @Test
  void unmatchedCancelGets481() {
    h.layer.receive(cancel, UDP_PEER);

    SipResponse answer = h.out.all().get(0).response();
    assertThat(answer.status()).isEqualTo(481);
    assertThat(answer.cseq().method()).isEqualTo("CANCEL");
    assertThat(answer.to().tag()).isPresent();
    assertThat(h.out.all().get(0).to()).isEqualTo(UDP_PEER);
    assertThat(h.user.cancels).isEmpty();
    assertThat(h.user.requests).isEmpty();
  }

  @Test
  void cancelOfAPendingInviteGets200AndReachesTheTu() {
    h.layer.receive(invite, UDP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(invite, 180, "t1"));
    h.layer.receive(cancel, UDP_PEER);

    SipResponse ok = h.out.responses(200).get(0).response();
    assertThat(ok.cseq().method()).isEqualTo("CANCEL");
    assertThat(ok.to().tag()).as("the tag of the INVITE's provisional").contains("t1");
    assertThat(h.user.cancels).containsExactly(tx);
    assertThat(h.user.requests).hasSize(1);

    tx.respond(response(invite, 487, "t1"));
    h.layer.receive(ackForNon2xx(invite, "t1"), UDP_PEER);
    h.advance(60);
    assertThat(h.layer.size()).isZero();
  }

  @Test
  void retransmittedCancelGetsTheSameAnswerOnce() {
    h.layer.receive(invite, UDP_PEER);
    h.layer.receive(cancel, UDP_PEER);
    h.layer.receive(cancel, UDP_PEER);

    assertThat(h.out.responses(200)).hasSize(2);
    assertThat(h.out.responses(200).get(0).message()).isEqualTo(h.out.responses(200).get(1).message());
    assertThat(h.user.cancels).hasSize(1);
  }

  @Test
  void cancelAfterTheFinalResponseGets200WithoutBotheringTheTu() {
    h.layer.receive(invite, UDP_PEER);
    h.user.requests.get(0).respond(response(invite, 200, "t1"));
    h.layer.receive(cancel, UDP_PEER);

    assertThat(h.out.all()).extracting(s -> s.response().status() + " " + s.response().cseq().method())
        .containsExactly("200 INVITE", "200 CANCEL");
    assertThat(h.user.cancels).isEmpty();
  }

  @Test
  void cancelAfterAnAcknowledged2xxGets200WithThe2xxsTagUntilTimerL() {
    h.layer.receive(invite, UDP_PEER);
    ServerTransaction tx = h.user.requests.get(0);
    tx.respond(response(invite, 200, "ok9"));
    h.layer.receive(Messages.ackFor2xx(invite, "z9hG4bKack9", "ok9"), UDP_PEER);
    h.layer.receive(cancel, UDP_PEER);
    h.layer.receive(invite, UDP_PEER);

    SipResponse ok = h.out.responses(200).get(1).response();
    assertThat(ok.cseq().method()).isEqualTo("CANCEL");
    assertThat(ok.to().tag()).contains("ok9");
    assertThat(h.user.cancels).isEmpty();
    assertThat(h.user.requests).as("the retransmitted INVITE was absorbed").hasSize(1);
    assertThat(h.out.responses(200)).as("and got nothing back").hasSize(2);
    assertThat(tx.isTerminated()).isFalse();
    h.advance(32);
    assertThat(tx.isTerminated()).as("Timer L").isTrue();
    assertThat(h.layer.size()).isZero();
    assertThat(h.observer.count("terminated server INVITE")).isEqualTo(1);
  }

  @Test
  void cancelAfterARejectionGets200WithTheRejectionsTag() {
    h.layer.receive(invite, UDP_PEER);
    h.user.requests.get(0).respond(response(invite, 486, "busy7"));
    h.layer.receive(cancel, UDP_PEER);

    SipResponse ok = h.out.responses(200).get(0).response();
    assertThat(ok.cseq().method()).isEqualTo("CANCEL");
    assertThat(ok.to().tag()).contains("busy7");
    assertThat(h.user.cancels).isEmpty();
  }

  @Test
  void cancelWithAnotherBranchDoesNotMatch() {
    h.layer.receive(invite, UDP_PEER);
    h.layer.receive(cancelFor(incoming("INVITE", "z9hG4bKother")), UDP_PEER);

    assertThat(h.out.all()).extracting(s -> s.response().status()).containsExactly(481);
    assertThat(h.user.cancels).isEmpty();
  }

  @Test
  void rfc2543CancelFindsItsInvite() {
    SipRequest old = request("INVITE", "SIP/2.0/UDP 127.0.0.1:5070");
    h.layer.receive(old, UDP_PEER);
    h.layer.receive(cancelFor(old), UDP_PEER);

    assertThat(h.user.cancels).hasSize(1);
    assertThat(h.out.all()).extracting(s -> s.response().status()).containsExactly(200);
  }
}
