package io.ramal.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.message.Via;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DialogTest {
  private static final SipRequest INVITE = Wire.request("""
      INVITE sip:bob@127.0.0.1 SIP/2.0
      Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKp2
      Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKa1
      Max-Forwards: 69
      Record-Route: <sip:127.0.0.2;lr>
      Record-Route: <sip:127.0.0.3;lr>, <sip:127.0.0.4;lr>
      From: "Alice" <sip:alice@127.0.0.1>;tag=alice1
      To: <sip:bob@127.0.0.1>
      Call-ID: c1@127.0.0.1
      CSeq: 10 INVITE
      Contact: <sip:alice@127.0.0.1:5070>
      Content-Length: 0
      """);

  private static final SipResponse OK = Wire.response("""
      SIP/2.0 200 OK
      Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKa1
      Record-Route: <sip:127.0.0.2;lr>
      Record-Route: <sip:127.0.0.3;lr>, <sip:127.0.0.4;lr>
      From: "Alice" <sip:alice@127.0.0.1>;tag=alice1
      To: <sip:bob@127.0.0.1>;tag=bob1
      Call-ID: c1@127.0.0.1
      CSeq: 10 INVITE
      Contact: <sip:bob@127.0.0.1:5090;transport=tcp>
      Content-Length: 0
      """);

  private static final Via VIA = Via.of("UDP", "127.0.0.1", 5060, "z9hG4bKnew1");

  private static List<String> routes(SipRequest request) {
    return request.headers().values(HeaderNames.ROUTE);
  }

  @Test
  void uasRouteSetKeepsRecordRouteOrder() {
    Dialog uas = Dialog.asUas(INVITE, OK);

    assertThat(uas.routeSet()).extracting(a -> a.uri().toString())
        .containsExactly("sip:127.0.0.2;lr", "sip:127.0.0.3;lr", "sip:127.0.0.4;lr");
  }

  @Test
  void uacRouteSetReversesRecordRoute() {
    Dialog uac = Dialog.asUac(INVITE, OK);

    assertThat(uac.routeSet()).extracting(a -> a.uri().toString())
        .containsExactly("sip:127.0.0.4;lr", "sip:127.0.0.3;lr", "sip:127.0.0.2;lr");
  }

  @Test
  void uasTakesTargetFromTheRequestAndLocalTagFromTheResponse() {
    Dialog uas = Dialog.asUas(INVITE, OK);

    assertThat(uas.id()).isEqualTo(new DialogId("c1@127.0.0.1", "bob1", "alice1"));
    assertThat(uas.remoteTarget()).hasToString("sip:alice@127.0.0.1:5070");
    assertThat(uas.local().tag()).contains("bob1");
    assertThat(uas.remote().tag()).contains("alice1");
    assertThat(uas.remoteCseq()).isEqualTo(OptionalLong.of(10));
    assertThat(uas.localCseq()).isEmpty();
    assertThat(uas.secure()).isFalse();
  }

  @Test
  void uacTakesTargetFromTheResponse() {
    Dialog uac = Dialog.asUac(INVITE, OK);

    assertThat(uac.id()).isEqualTo(new DialogId("c1@127.0.0.1", "alice1", "bob1"));
    assertThat(uac.remoteTarget()).hasToString("sip:bob@127.0.0.1:5090;transport=tcp");
    assertThat(uac.localUri()).hasToString("sip:alice@127.0.0.1");
    assertThat(uac.remoteUri()).hasToString("sip:bob@127.0.0.1");
    assertThat(uac.localCseq()).isEqualTo(OptionalLong.of(10));
    assertThat(uac.remoteCseq()).isEmpty();
  }

  @Test
  void inDialogRequestGoesToTheRemoteTargetThroughTheRouteSet() {
    Dialog uac = Dialog.asUac(INVITE, OK);

    SipRequest bye = uac.newRequest("BYE", VIA, 70);

    assertThat(bye.method()).isEqualTo("BYE");
    assertThat(bye.requestUri()).hasToString("sip:bob@127.0.0.1:5090;transport=tcp");
    assertThat(routes(bye)).containsExactly("<sip:127.0.0.4;lr>", "<sip:127.0.0.3;lr>", "<sip:127.0.0.2;lr>");
    assertThat(bye.vias()).containsExactly(VIA);
    assertThat(bye.headers().first(HeaderNames.MAX_FORWARDS)).contains("70");
    assertThat(bye.from().tag()).contains("alice1");
    assertThat(bye.from().displayName()).isEqualTo("\"Alice\"");
    assertThat(bye.to().tag()).contains("bob1");
    assertThat(bye.callId()).isEqualTo("c1@127.0.0.1");
    assertThat(bye.cseq().toString()).isEqualTo("11 BYE");
    assertThat(uac.localCseq()).isEqualTo(OptionalLong.of(11));
    assertThat(uac.newRequest("INFO", VIA, 70).cseq().seq()).isEqualTo(12);
  }

  @Test
  void uasFirstRequestStartsItsOwnCseq() {
    Dialog uas = Dialog.asUas(INVITE, OK);

    SipRequest bye = uas.newRequest("BYE", VIA, 70);

    assertThat(bye.cseq().toString()).isEqualTo("1 BYE");
    assertThat(bye.requestUri()).hasToString("sip:alice@127.0.0.1:5070");
    assertThat(routes(bye)).containsExactly("<sip:127.0.0.2;lr>", "<sip:127.0.0.3;lr>", "<sip:127.0.0.4;lr>");
    assertThat(bye.from().tag()).contains("bob1");
    assertThat(bye.to().tag()).contains("alice1");
  }

  @Test
  void strictRouterBecomesTheRequestUriAndTheTargetTheLastRoute() {
    SipResponse strict = OK.withHeaders(OK.headers().toBuilder()
        .remove(HeaderNames.RECORD_ROUTE)
        .add(HeaderNames.RECORD_ROUTE, "<sip:127.0.0.3;lr>")
        .add(HeaderNames.RECORD_ROUTE, "<sip:127.0.0.2;maddr=127.0.0.2>")
        .build());
    Dialog uac = Dialog.asUac(INVITE, strict);

    SipRequest bye = uac.newRequest("BYE", VIA, 70);

    assertThat(bye.requestUri()).hasToString("sip:127.0.0.2;maddr=127.0.0.2");
    assertThat(routes(bye)).containsExactly("<sip:127.0.0.3;lr>", "<sip:bob@127.0.0.1:5090;transport=tcp>");
  }

  @Test
  void withoutRouteSetNoRouteHeaderIsAdded() {
    SipResponse direct = OK.withHeaders(OK.headers().without(HeaderNames.RECORD_ROUTE));
    Dialog uac = Dialog.asUac(INVITE, direct);

    assertThat(routes(uac.newRequest("BYE", VIA, 70))).isEmpty();
  }

  @Test
  void ackFor2xxUsesTheInviteCseqAndLeavesTheLocalCseq() {
    Dialog uac = Dialog.asUac(INVITE, OK);

    SipRequest ack = uac.ack(10, VIA);

    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.cseq().toString()).isEqualTo("10 ACK");
    assertThat(ack.requestUri()).isEqualTo(uac.remoteTarget());
    assertThat(routes(ack)).hasSize(3);
    assertThat(uac.localCseq()).isEqualTo(OptionalLong.of(10));
  }

  @Test
  void newRequestRefusesAckAndCancel() {
    Dialog uac = Dialog.asUac(INVITE, OK);

    assertThatThrownBy(() -> uac.newRequest("ACK", VIA, 70)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> uac.newRequest("CANCEL", VIA, 70)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsRemoteRequestsWithALowerCseq() {
    Dialog uas = Dialog.asUas(INVITE, OK);

    assertThat(uas.onRemoteRequest(inDialog("INFO", 9, ""))).isFalse();
    assertThat(uas.remoteCseq()).isEqualTo(OptionalLong.of(10));
    assertThat(uas.onRemoteRequest(inDialog("INFO", 12, ""))).isTrue();
    assertThat(uas.remoteCseq()).isEqualTo(OptionalLong.of(12));
    assertThat(uas.onRemoteRequest(inDialog("INFO", 11, ""))).isFalse();
    assertThat(uas.onRemoteRequest(inDialog("ACK", 10, ""))).as("ACK carries its INVITE's CSeq").isTrue();
    assertThat(uas.remoteCseq()).isEqualTo(OptionalLong.of(12));
  }

  @Test
  void uacAcceptsTheFirstRemoteCseqWhateverItIs() {
    Dialog uac = Dialog.asUac(INVITE, OK);

    assertThat(uac.onRemoteRequest(inDialog("BYE", 1, ""))).isTrue();
    assertThat(uac.remoteCseq()).isEqualTo(OptionalLong.of(1));
  }

  @Test
  void targetRefreshRequestsReplaceTheRemoteTarget() {
    Dialog uas = Dialog.asUas(INVITE, OK);

    uas.onRemoteRequest(inDialog("INFO", 11, "<sip:alice@127.0.0.1:6000>"));
    assertThat(uas.remoteTarget()).hasToString("sip:alice@127.0.0.1:5070");
    uas.onRemoteRequest(inDialog("INVITE", 12, "<sip:alice@127.0.0.1:6001>"));
    assertThat(uas.remoteTarget()).hasToString("sip:alice@127.0.0.1:6001");
    uas.onRemoteRequest(inDialog("UPDATE", 13, "\"A\" <sip:alice@127.0.0.1:6002>;expires=60"));
    assertThat(uas.remoteTarget()).hasToString("sip:alice@127.0.0.1:6002");
    uas.onRemoteRequest(inDialog("UPDATE", 14, ""));
    assertThat(uas.remoteTarget()).hasToString("sip:alice@127.0.0.1:6002");
  }

  @Test
  void rejectedTargetRefreshDoesNotMoveTheTarget() {
    Dialog uas = Dialog.asUas(INVITE, OK);

    assertThat(uas.onRemoteRequest(inDialog("INVITE", 3, "<sip:alice@127.0.0.1:6001>"))).isFalse();
    assertThat(uas.remoteTarget()).hasToString("sip:alice@127.0.0.1:5070");
  }

  @Test
  void successfulReInviteResponseRefreshesTheTargetOfTheUac() {
    Dialog uac = Dialog.asUac(INVITE, OK);
    SipResponse reinviteOk = OK.withHeaders(OK.headers().toBuilder()
        .set(HeaderNames.CSEQ, "11 INVITE").set(HeaderNames.CONTACT, "<sip:bob@127.0.0.1:7000>").build());
    SipResponse byeOk = OK.withHeaders(OK.headers().toBuilder()
        .set(HeaderNames.CSEQ, "12 BYE").set(HeaderNames.CONTACT, "<sip:bob@127.0.0.1:7001>").build());

    uac.onRemoteResponse(reinviteOk);
    uac.onRemoteResponse(byeOk);

    assertThat(uac.remoteTarget()).hasToString("sip:bob@127.0.0.1:7000");
  }

  @Test
  void sipsRequestUriMakesTheDialogSecure() {
    SipRequest sips = INVITE.withRequestUri(SipUri.parse("sips:bob@127.0.0.1"));

    assertThat(Dialog.asUas(sips, OK).secure()).isTrue();
  }

  @Test
  void dialogCreationNeedsTagsAndContact() {
    SipResponse untagged = OK.withHeaders(OK.headers().with(HeaderNames.TO, "<sip:bob@127.0.0.1>"));
    SipRequest noContact = INVITE.withHeaders(INVITE.headers().without(HeaderNames.CONTACT));

    assertThatThrownBy(() -> Dialog.asUas(INVITE, untagged)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Dialog.asUas(noContact, OK)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dialogIdsOfIncomingMessagesMatchTheDialog() {
    Dialog uas = Dialog.asUas(INVITE, OK);
    Dialog uac = Dialog.asUac(INVITE, OK);

    assertThat(DialogId.ofIncomingRequest(inDialog("BYE", 11, ""))).isEqualTo(uas.id());
    assertThat(DialogId.ofIncomingResponse(OK)).isEqualTo(uac.id());
    assertThat(Address.parse("<sip:x@127.0.0.1>").tag()).isEmpty();
  }

  /** A request from Alice (the UAC) to Bob within the dialog. */
  private static SipRequest inDialog(String method, long cseq, String contact) {
    var b = INVITE.headers().toBuilder()
        .set(HeaderNames.TO, "<sip:bob@127.0.0.1>;tag=bob1")
        .set(HeaderNames.CSEQ, cseq + " " + method)
        .remove(HeaderNames.RECORD_ROUTE)
        .remove(HeaderNames.CONTACT);
    if (!contact.isEmpty()) b.add(HeaderNames.CONTACT, contact);
    return new SipRequest(method, SipUri.parse("sip:bob@127.0.0.1:5090"), b.build(), new byte[0]);
  }
}
