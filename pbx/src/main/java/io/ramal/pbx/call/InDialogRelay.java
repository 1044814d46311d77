package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia.Kind;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transaction.ServerTransaction;
import java.util.List;
import java.util.Optional;

/**
 * Passes an in-dialog request of one leg to the other leg as a new request of that leg's dialog
 * (never the same Call-ID, tags or branch), and its final response back; session descriptions in
 * the response go through the call's media first.
 */
final class InDialogRelay {
  private final SipContext sip;

  InDialogRelay(SipContext sip) {
    this.sip = sip;
  }

  void relay(ServerTransaction tx, Leg from, Leg to, byte[] body) {
    SipRequest req = tx.request();
    SipRequest out = to.dialog.newRequest(req.method(), sip.viaFor(to.peer), 70);
    Headers.Builder h = out.headers().toBuilder();
    if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      h.set(HeaderNames.CONTACT, sip.contactFor(to.peer).toString());
    }
    for (String passed : List.of("Event", "Subscription-State", "Refer-To", "Referred-By", "Info-Package", "Reason")) {
      req.headers().values(passed).forEach(v -> h.add(passed, v));
    }
    out = out.withHeaders(h.build());
    if (body.length > 0) out = out.withBody(req.contentType().orElse("application/sdp"), body);
    SipRequest sent = out;
    sip.layer().send(sent, to.peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction ct, SipResponse r) {
        if (r.status() == 100) return;
        if (r.isSuccess() && sent.isMethod("INVITE")) {
          sip.layer().sendStateless(to.dialog.ack(sent.cseq().seq(), sip.viaFor(to.peer)), to.peer);
          to.dialog.onRemoteResponse(r);
        }
        SipResponse back = SipResponse.to(req, r.status()).withReason(r.reason());
        if (r.status() > 100 && r.status() < 300 && req.isMethod("INVITE") || req.isMethod("UPDATE") && r.isSuccess()) {
          back = back.withHeaders(back.headers().toBuilder().add(HeaderNames.CONTACT, sip.contactFor(from.peer).toString()).build());
        }
        byte[] answer = r.body();
        if (answer.length > 0 && isSdp(r.contentType())) {
          answer = from.call.media.fromSide(to.side(), Kind.ANSWER, answer) instanceof Outcome.Forward f ? f.body() : new byte[0];
        }
        if (answer.length > 0) back = back.withBody(r.contentType().orElse("application/sdp"), answer);
        tx.respond(back);
      }

      @Override
      public void onTimeout(ClientTransaction ct) {
        tx.respond(SipResponse.to(req, 408));
      }

      @Override
      public void onTransportError(ClientTransaction ct) {
        tx.respond(SipResponse.to(req, 503));
      }
    });
  }

  private static boolean isSdp(Optional<String> contentType) {
    return contentType.map(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith("application/sdp")).orElse(true);
  }

  static final ClientTransaction.Listener IGNORE = new ClientTransaction.Listener() {
    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {}

    @Override
    public void onTimeout(ClientTransaction tx) {}

    @Override
    public void onTransportError(ClientTransaction tx) {}
  };
}
