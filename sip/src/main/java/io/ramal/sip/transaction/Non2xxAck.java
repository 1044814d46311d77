package io.ramal.sip.transaction;

import io.ramal.sip.message.CSeq;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;

/**
 * The ACK an INVITE client transaction sends for a 300–699 response (RFC 3261 §17.1.1.3): the
 * INVITE's Request-URI, Call-ID, From, top Via only, Route headers and Max-Forwards; the To of the
 * response (with its tag); the INVITE's CSeq number with method ACK.
 */
final class Non2xxAck {
  private Non2xxAck() {}

  static SipRequest of(SipRequest invite, SipResponse response) {
    Headers h = invite.headers();
    Headers.Builder b = Headers.builder()
        .add(HeaderNames.VIA, invite.topVia().toString())
        .add(HeaderNames.MAX_FORWARDS, h.first(HeaderNames.MAX_FORWARDS).orElse("70"))
        .copy(h, HeaderNames.FROM)
        .copy(response.headers(), HeaderNames.TO)
        .copy(h, HeaderNames.CALL_ID)
        .add(HeaderNames.CSEQ, new CSeq(invite.cseq().seq(), "ACK").toString())
        .copy(h, HeaderNames.ROUTE);
    return new SipRequest("ACK", invite.requestUri(), b.build(), new byte[0]);
  }
}
