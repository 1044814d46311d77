package io.ramal.sip.transaction;

import io.ramal.sip.message.SipRequest;

/**
 * What an ACK for a 2xx shares with its INVITE although it is a transaction of its own (RFC 3261
 * §13.2.2.4, §17.1.1.3): Call-ID, CSeq number and From tag.
 */
record AckKey(String callId, long cseq, String fromTag) {
  static AckKey of(SipRequest request) {
    return new AckKey(request.callId(), request.cseq().seq(), request.from().tag().orElse(""));
  }
}
