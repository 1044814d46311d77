package io.ramal.sip.transaction;

import io.ramal.sip.message.CSeq;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;

/**
 * The CANCEL for an INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, From, To and top Via (so
 * the same branch), the INVITE's CSeq number with method CANCEL, its Route headers and
 * Max-Forwards; no body.
 */
final class CancelRequest {
  private CancelRequest() {}

  static SipRequest of(SipRequest invite) {
    Headers h = invite.headers();
    Headers.Builder b = Headers.builder()
        .add(HeaderNames.VIA, invite.topVia().toString())
        .add(HeaderNames.MAX_FORWARDS, h.first(HeaderNames.MAX_FORWARDS).orElse("70"))
        .copy(h, HeaderNames.FROM)
        .copy(h, HeaderNames.TO)
        .copy(h, HeaderNames.CALL_ID)
        .add(HeaderNames.CSEQ, new CSeq(invite.cseq().seq(), "CANCEL").toString())
        .copy(h, HeaderNames.ROUTE);
    return new SipRequest("CANCEL", invite.requestUri(), b.build(), new byte[0]);
  }
}
