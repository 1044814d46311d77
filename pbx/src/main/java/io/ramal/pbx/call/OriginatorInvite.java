package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;

/**
 * The INVITE of a click-to-call towards the caller's own device: From is the destination (what
 * the phone shows while it rings: whom it is about to be connected to), To the device, the offer
 * ours. It asks the phone to answer by itself in the two forms phones honour (see
 * docs/calls-api.md for which phone reads which): {@code Call-Info: <sip:domain>;answer-after=0}
 * (BroadWorks style: Yealink, Grandstream, Snom, Poly, recent baresip) and {@code Alert-Info:
 * <urn:alert:service:auto-answer>;info=alert-autoanswer;delay=0} (Yealink, Snom, Mitel, recent
 * baresip), the URI being the RFC 7462 auto-answer indication, which no phone tries to fetch as
 * a ring tone. A phone that honours neither simply rings.
 */
final class OriginatorInvite {
  static final String CALL_INFO = "Call-Info";
  static final String ALERT_INFO = "Alert-Info";

  private OriginatorInvite() {}

  static SipRequest build(SipContext sip, Call call, SipUri contact, Peer peer, byte[] offer) {
    CallOrigin o = call.origin;
    Address from = Address.of(SipUri.of(call.callee, o.domain(), -1)).withTag(call.callerTag);
    Address to = Address.of(SipUri.of(o.number(), o.domain(), -1));
    if (!o.displayName().isEmpty()) to = to.withDisplayText(o.displayName());
    Headers.Builder h = Headers.builder()
        .add(HeaderNames.VIA, sip.viaFor(peer).toString())
        .add(HeaderNames.MAX_FORWARDS, "70")
        .add(HeaderNames.FROM, from.toString())
        .add(HeaderNames.TO, to.toString())
        .add(HeaderNames.CALL_ID, call.callerCallId)
        .add(HeaderNames.CSEQ, "1 INVITE")
        .add(HeaderNames.CONTACT, sip.contactFor(peer).toString())
        .add(HeaderNames.ALLOW, SipContext.ALLOW)
        .add(HeaderNames.USER_AGENT, sip.userAgent())
        .add(CALL_INFO, "<sip:" + o.domain() + ">;answer-after=0")
        .add(ALERT_INFO, "<urn:alert:service:auto-answer>;info=alert-autoanswer;delay=0");
    if (offer.length > 0) h.add(HeaderNames.CONTENT_TYPE, "application/sdp");
    return new SipRequest("INVITE", contact, h.build(), offer);
  }
}
