package io.ramal.sip.transaction;

import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;

/** Requests and responses for transaction tests; every address is on loopback. */
final class Messages {
  private Messages() {}

  /** The far end of client transactions, and the source of server transactions' requests. */
  static final Peer UDP_PEER = Peer.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070));
  static final Peer TCP_PEER = new Peer(Transport.TCP, new InetSocketAddress("127.0.0.1", 40001), 7);

  static final String OUR_VIA = "SIP/2.0/UDP 127.0.0.1:5060;branch=";
  static final String THEIR_VIA = "SIP/2.0/UDP 127.0.0.1:5070;rport=5070;received=127.0.0.1;branch=";
  static final String THEIR_TCP_VIA = "SIP/2.0/TCP 127.0.0.1:5070;branch=";

  static SipRequest request(String method, String topVia) {
    return request(method, topVia, 1);
  }

  static SipRequest request(String method, String topVia, long cseq) {
    Headers headers = Headers.builder()
        .add(HeaderNames.VIA, topVia)
        .add(HeaderNames.VIA, "SIP/2.0/UDP 127.0.0.3:5080;branch=z9hG4bKlower")
        .add(HeaderNames.MAX_FORWARDS, "69")
        .add(HeaderNames.ROUTE, "<sip:127.0.0.2;lr>")
        .add(HeaderNames.FROM, "\"Alice\" <sip:alice@127.0.0.1>;tag=a1")
        .add(HeaderNames.TO, "<sip:bob@127.0.0.1>")
        .add(HeaderNames.CALL_ID, "call-1@127.0.0.1")
        .add(HeaderNames.CSEQ, cseq + " " + method)
        .add(HeaderNames.CONTACT, "<sip:alice@127.0.0.1:5070>")
        .add("Subject", "lunch")
        .build();
    return new SipRequest(method, SipUri.parse("sip:bob@127.0.0.1"), headers, new byte[0]);
  }

  /** An INVITE we send, with our Via on top. */
  static SipRequest outgoing(String method, String branch) {
    return request(method, OUR_VIA + branch);
  }

  /** A request a UDP peer sent us (received and rport already stamped). */
  static SipRequest incoming(String method, String branch) {
    return request(method, THEIR_VIA + branch);
  }

  static SipResponse response(SipRequest request, int status, String toTag) {
    SipResponse response = SipResponse.to(request, status, toTag);
    if (status > 100 && status < 300) {
      response = response.withHeaders(response.headers().toBuilder()
          .add(HeaderNames.CONTACT, "<sip:bob@127.0.0.1:5090>").build());
    }
    return response;
  }

  /** The ACK a UAC sends for a 2xx: a new branch, same Call-ID and CSeq number. */
  static SipRequest ackFor2xx(SipRequest invite, String branch, String toTag) {
    Headers headers = Headers.builder()
        .add(HeaderNames.VIA, THEIR_VIA + branch)
        .add(HeaderNames.MAX_FORWARDS, "70")
        .copy(invite.headers(), HeaderNames.FROM)
        .add(HeaderNames.TO, invite.to().withTag(toTag).toString())
        .copy(invite.headers(), HeaderNames.CALL_ID)
        .add(HeaderNames.CSEQ, invite.cseq().seq() + " ACK")
        .build();
    return new SipRequest("ACK", SipUri.parse("sip:bob@127.0.0.1:5090"), headers, new byte[0]);
  }

  /** The ACK a UAC's transaction sends for a non-2xx final: the INVITE's top Via, the response's To. */
  static SipRequest ackForNon2xx(SipRequest invite, String toTag) {
    Headers headers = Headers.builder()
        .add(HeaderNames.VIA, invite.topVia().toString())
        .add(HeaderNames.MAX_FORWARDS, "70")
        .copy(invite.headers(), HeaderNames.FROM)
        .add(HeaderNames.TO, invite.to().withTag(toTag).toString())
        .copy(invite.headers(), HeaderNames.CALL_ID)
        .add(HeaderNames.CSEQ, invite.cseq().seq() + " ACK")
        .build();
    return new SipRequest("ACK", invite.requestUri(), headers, new byte[0]);
  }

  /** The CANCEL a UAC sends for {@code invite}. */
  static SipRequest cancelFor(SipRequest invite) {
    Headers headers = Headers.builder()
        .add(HeaderNames.VIA, invite.topVia().toString())
        .add(HeaderNames.MAX_FORWARDS, "70")
        .copy(invite.headers(), HeaderNames.FROM)
        .copy(invite.headers(), HeaderNames.TO)
        .copy(invite.headers(), HeaderNames.CALL_ID)
        .add(HeaderNames.CSEQ, invite.cseq().seq() + " CANCEL")
        .build();
    return new SipRequest("CANCEL", invite.requestUri(), headers, new byte[0]);
  }
}
