package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.Header;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transport.Peer;
import java.util.List;

/**
 * The INVITE the B2BUA sends towards a callee: a new dialog (our Call-ID, From tag, Via, Contact)
 * that carries only the caller's identity and session description across, never its dialog ids.
 * Through a trunk with a caller id, that number is presented instead of the extension's.
 */
final class CalleeInvite {
  private CalleeInvite() {}

  static SipRequest build(SipContext sip, Call call, SipUri target, Peer peer, SipRequest callerInvite, byte[] body) {
    int maxForwards = callerInvite.headers().first(HeaderNames.MAX_FORWARDS).map(String::strip)
        .map(Integer::parseInt).map(m -> Math.min(m - 1, 70)).orElse(70);
    Headers.Builder passed = Headers.builder();
    for (String name : List.of("Call-Info", "Alert-Info")) {
      for (String v : callerInvite.headers().values(name)) passed.add(name, v);
    }
    return build(sip, call, target, peer, maxForwards, passed.build(),
        callerInvite.contentType().orElse("application/sdp"), body);
  }

  /** The INVITE of a call Ramal originated: no caller INVITE to take hop count or headers from. */
  static SipRequest build(SipContext sip, Call call, SipUri target, Peer peer, byte[] body) {
    return build(sip, call, target, peer, 70, Headers.EMPTY, "application/sdp", body);
  }

  private static SipRequest build(SipContext sip, Call call, SipUri target, Peer peer, int maxForwards, Headers passed,
      String contentType, byte[] body) {
    CallOrigin o = call.origin;
    String domain = call.trunk.map(Trunk::host).orElse(o.domain());
    String caller = call.trunk.flatMap(Trunk::callerId).orElse(o.number());
    Address from = Address.of(SipUri.of(caller, domain, -1)).withTag(call.calleeFromTag);
    if (!o.displayName().isEmpty()) from = from.withDisplayText(o.displayName());
    Address to = Address.of(SipUri.of(call.callee, domain, -1));
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
    for (Header field : passed) h.add(field.name(), field.value());
    if (body.length > 0) h.add(HeaderNames.CONTENT_TYPE, contentType);
    return new SipRequest("INVITE", target, h.build(), body);
  }

}
