package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.Via;

/**
 * Identity of a transaction whose request has no RFC 3261 branch (RFC 3261 §17.2.3, RFC 2543
 * matching): Request-URI, From tag, Call-ID, CSeq number and the whole top Via, plus the method
 * (ACK mapped to INVITE). The To tag is left out on purpose: an ACK for a non-2xx response carries
 * the tag the response added, which the INVITE did not have.
 */
record Rfc2543Key(String method, String requestUri, String fromTag, String callId, long cseq, String topVia)
    implements ServerKey {

  static Rfc2543Key of(SipRequest request, Via topVia, String method) {
    return new Rfc2543Key(method, request.requestUri().toString(), request.from().tag().orElse(""),
        request.callId(), request.cseq().seq(), topVia.toString());
  }

  @Override
  public Rfc2543Key withMethod(String newMethod) {
    return new Rfc2543Key(newMethod, requestUri, fromTag, callId, cseq, topVia);
  }
}
