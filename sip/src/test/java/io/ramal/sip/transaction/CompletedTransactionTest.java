package io.ramal.sip.transaction;

import static io.ramal.sip.transaction.Messages.UDP_PEER;
import static io.ramal.sip.transaction.Messages.incoming;
import static io.ramal.sip.transaction.Messages.outgoing;
import static io.ramal.sip.transaction.Messages.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transaction in its Completed (or Confirmed) state keeps only its key and the bytes it may have
 * to send again: what it sends again is byte for byte what it sent first, and the request, its
 * body and the TU's transaction object become garbage as soon as the TU lets go of them.
 */
class CompletedTransactionTest {
  private static final byte[] SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  private final Harness h = new Harness();
  private final RecordingListener listener = new RecordingListener();

  @Test
  void aRetransmittedRequestGetsTheFinalResponseAgainByteForByte() {
    SipRequest bye = incoming("BYE", "z9hG4bKbytes1");
    h.layer.receive(bye, UDP_PEER);
    SipResponse ok = response(bye, 200, "t1").withBody("application/sdp", SDP);
    h.user.requests.get(0).respond(ok);
    h.advance(1);
    h.layer.receive(bye, UDP_PEER);
    h.advance(20);
    h.layer.receive(bye, UDP_PEER);

    List<RecordingOutbound.Sent> sent = h.out.responses(200);
    assertThat(sent).hasSize(3);
    assertThat(sent).allSatisfy(s -> {
      assertThat(s.wire()).isEqualTo(ok.toBytes());
      assertThat(s.to()).isEqualTo(UDP_PEER);
    });
  }

  @Test
  void aRejectedInviteResendsItsRejectionByteForByteOnTimerGAndOnRetransmissions() {
    SipRequest invite = incoming("INVITE", "z9hG4bKbytes2");
    h.layer.receive(invite, UDP_PEER);
    SipResponse busy = response(invite, 486, "t1");
    h.user.requests.get(0).respond(busy);
    h.advance(0.5);
    h.layer.receive(invite, UDP_PEER);
    h.advance(1);

    List<RecordingOutbound.Sent> sent = h.out.responses(486);
    assertThat(sent).extracting(RecordingOutbound.Sent::at).isEqualTo(Harness.times(0, 0.5, 0.5, 1.5));
    assertThat(sent).allSatisfy(s -> {
      assertThat(s.wire()).isEqualTo(busy.toBytes());
      assertThat(s.to()).isEqualTo(UDP_PEER);
    });
  }

  @Test
  void aRetransmittedRejectionGetsTheSameAckAgainByteForByte() {
    SipRequest invite = outgoing("INVITE", "z9hG4bKbytes3");
    h.layer.send(invite, UDP_PEER, listener);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);
    h.advance(2);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);
    h.advance(10);
    h.layer.receive(response(invite, 486, "busy1"), UDP_PEER);

    List<RecordingOutbound.Sent> acks = h.out.requests("ACK");
    assertThat(acks).extracting(RecordingOutbound.Sent::at).isEqualTo(Harness.times(0, 2, 12));
    assertThat(acks).allSatisfy(s -> {
      assertThat(s.wire()).isEqualTo(acks.get(0).wire());
      assertThat(s.to()).isEqualTo(UDP_PEER);
    });
    assertThat(listener.statuses()).containsExactly(486);
    assertThat(h.observer.count("retransmission client INVITE")).isEqualTo(2);
  }

  @Test
  void aCompletedServerTransactionLetsGoOfTheRequest() {
    List<WeakReference<?>> request = receiveWithoutKeepingIt("OPTIONS", "z9hG4bKgc1");
    WeakReference<ServerTransaction> tx = new WeakReference<>(h.user.requests.get(0));
    h.user.requests.clear();
    respond(tx, 100);
    assertThat(collected(request.get(0))).as("a proceeding transaction still needs its request").isFalse();

    respond(tx, 200);

    assertThat(request).allSatisfy(ref -> assertThat(collected(ref)).isTrue());
    assertThat(collected(tx)).isTrue();
    assertThat(h.layer.size()).isEqualTo(1);
    h.layer.receive(incoming("OPTIONS", "z9hG4bKgc1"), UDP_PEER);
    assertThat(h.out.responses(200)).hasSize(2);
    assertThat(h.user.requests).as("still a retransmission, not a new request").isEmpty();
    h.advance(32);
    assertThat(h.layer.holdsNothing()).isTrue();
  }

  @Test
  void aRejectedInviteServerTransactionLetsGoOfTheInvite() {
    List<WeakReference<?>> invite = receiveWithoutKeepingIt("INVITE", "z9hG4bKgc2");
    WeakReference<ServerTransaction> tx = new WeakReference<>(h.user.requests.get(0));
    h.user.requests.clear();
    respond(tx, 180);
    assertThat(collected(invite.get(0))).as("a proceeding transaction still needs its request").isFalse();

    respond(tx, 486);

    assertThat(invite).allSatisfy(ref -> assertThat(collected(ref)).isTrue());
    assertThat(collected(tx)).isTrue();
    h.advance(0.5);
    assertThat(h.out.responses(486)).as("Timer G still resends").hasSize(2);
    h.layer.receive(Messages.ackForNon2xx(incoming("INVITE", "z9hG4bKgc2"), "t1"), UDP_PEER);
    assertThat(h.user.acks).as("the ACK of a rejection is absorbed").isEmpty();
    h.advance(5);
    assertThat(h.layer.holdsNothing()).as("Timer I").isTrue();
  }

  @Test
  void aCompletedClientTransactionLetsGoOfTheRequestAndTheListener() {
    List<WeakReference<?>> kept = sendWithoutKeepingIt(outgoing("BYE", "z9hG4bKgc3"));
    h.layer.receive(response(outgoing("BYE", "z9hG4bKgc3"), 200, "b1"), UDP_PEER);
    h.out.clear();

    assertThat(kept).allSatisfy(ref -> assertThat(collected(ref)).isTrue());
    assertThat(listener.statuses()).containsExactly(200);
    h.layer.receive(response(outgoing("BYE", "z9hG4bKgc3"), 200, "b1"), UDP_PEER);
    assertThat(h.user.strays).as("absorbed until Timer K").isEmpty();
    h.advance(5);
    assertThat(h.layer.holdsNothing()).isTrue();
  }

  @Test
  void aRejectedClientInviteLetsGoOfTheInviteAndStillAcksRetransmissions() {
    List<WeakReference<?>> kept = sendWithoutKeepingIt(outgoing("INVITE", "z9hG4bKgc4"));
    h.layer.receive(response(outgoing("INVITE", "z9hG4bKgc4"), 603, "d1"), UDP_PEER);
    h.out.clear();

    assertThat(kept).allSatisfy(ref -> assertThat(collected(ref)).isTrue());
    assertThat(listener.statuses()).containsExactly(603);
    h.layer.receive(response(outgoing("INVITE", "z9hG4bKgc4"), 603, "d1"), UDP_PEER);
    assertThat(h.out.requests("ACK")).singleElement().satisfies(s -> {
      assertThat(s.request().to().tag()).contains("d1");
      assertThat(s.to()).isEqualTo(UDP_PEER);
    });
    h.advance(32);
    assertThat(h.layer.holdsNothing()).as("Timer D").isTrue();
  }

  /**
   * Receives a request with a body, made here so that no frame of the test method holds it; weak
   * references to the request, its headers and its body.
   */
  private List<WeakReference<?>> receiveWithoutKeepingIt(String method, String branch) {
    SipRequest request = withBody(incoming(method, branch));
    h.layer.receive(request, UDP_PEER);
    return List.of(new WeakReference<>(request), new WeakReference<>(request.headers()),
        new WeakReference<>(request.body()));
  }

  /**
   * Sends a copy of {@code request} with a body; weak references to that copy, its headers, its
   * body, its transaction and its listener.
   */
  private List<WeakReference<?>> sendWithoutKeepingIt(SipRequest request) {
    SipRequest withBody = withBody(request);
    ClientTransaction.Listener forwarding = new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse response) {
        listener.onResponse(tx, response);
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        listener.onTimeout(tx);
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        listener.onTransportError(tx);
      }
    };
    ClientTransaction tx = h.layer.send(withBody, UDP_PEER, forwarding);
    return List.of(new WeakReference<>(withBody), new WeakReference<>(withBody.headers()),
        new WeakReference<>(withBody.body()), new WeakReference<>(tx), new WeakReference<>(forwarding));
  }

  /** A copy with its own headers and an SDP body. */
  private static SipRequest withBody(SipRequest request) {
    return new SipRequest(request.method(), request.requestUri(), request.headers().toBuilder().build(), SDP.clone());
  }

  private static void respond(WeakReference<ServerTransaction> tx, int status) {
    ServerTransaction live = tx.get();
    assertThat(live).as("the layer holds the transaction until its final response").isNotNull();
    live.respond(response(live.request(), status, "t1"));
  }

  /** True once a full collection cleared the reference (a few tries: System.gc() is only a request). */
  private static boolean collected(WeakReference<?> ref) {
    for (int i = 0; i < 10 && !ref.refersTo(null); i++) System.gc();
    return ref.refersTo(null);
  }
}
