package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;
import java.util.List;

/**
 * The INVITE the B2BUA sends towards a callee: a new dialog (our Call-ID, From tag, Via, Contact)
 * that carries only the caller's identity and session description across, never its dialog ids.
 */
final class CalleeInvite {
  private CalleeInvite() {}

  static SipRequest build(SipContext sip, Call call, SipUri target, Peer peer, SipRequest callerInvite, byte[] body) {
    CallOrigin o = call.origin;
    String domain = call.trunk.map(Trunk::host).orElse(o.domain());
    Address from = Address.of(SipUri.of(o.number(), domain, -1)).withTag(call.calleeFromTag);
    if (!o.displayName().isEmpty()) from = from.withDisplayText(o.displayName());
    Address to = Address.of(SipUri.of(call.callee, call.trunk.map(Trunk::host).orElse(o.domain()), -1));
    int maxForwards = callerInvite.headers().first(HeaderNames.MAX_FORWARDS).map(String::strip)
        .map(Integer::parseInt).map(m -> Math.min(m - 1, 70)).orElse(70);
    Headers.Builder h = Headers.builder()
        .add(HeaderNames.VIA, sip.viaFor(peer).toString())
        .add(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards))
        .add(HeaderNames.FROM, from.toString())
        .add(HeaderNames.TO, to.toString())
        .add(HeaderNames.CALL_ID, call.calleeCallId)
        .add(HeaderNames.CSEQ, "1 INVITE")
        .add(HeaderNames.CONTACT, sip.contactFor(peer).toString())
        .add(HeaderNames.ALLOW, SipContext.ALLOW)
        .add(HeaderNames.USER_AGENT, sip.userAgent());
    for (String passed : List.of("Call-Info", "Alert-Info")) {
      for (String v : callerInvite.headers().values(passed)) h.add(passed, v);
    }
    if (body.length > 0) h.add(HeaderNames.CONTENT_TYPE, callerInvite.contentType().orElse("application/sdp"));
    return new SipRequest("INVITE", target, h.build(), body);
  }

}
