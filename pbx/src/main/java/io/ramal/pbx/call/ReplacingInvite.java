package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.CallMedia.Wiring;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.dialog.Replaces;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transport.Peer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An INVITE with Replaces (RFC 3891) from an authenticated phone of the tenant, on the shard that
 * serves the named dialog (docs/adr/0006-park-and-cross-call-joins.md: the receiving shard keeps
 * the transaction and pins the new dialog here once ACKed). The new dialog takes the place of the
 * named leg of an answered call, answered with the call's anchored media; the replaced leg gets a
 * BYE with a Reason. What RFC 3891 §3 asks:
 *
 * <ul>
 *   <li>no such dialog, another tenant's, or one that is not a side of a live call: 481;
 *   <li>an early dialog: also 481 here. A caller's INVITE we have not answered is an early dialog
 *       we did not initiate (481 by the RFC); the early dialogs we initiate towards ringing phones
 *       are never replaced (taking a ringing call goes through the answer API or call park);
 *   <li>{@code early-only} naming a confirmed dialog: 486 Busy Here;
 *   <li>a call in the middle of a transfer, conference, park or supervision: 491.
 * </ul>
 */
public final class ReplacingInvite {
  private static final Logger log = LoggerFactory.getLogger(ReplacingInvite.class);
  private final SipContext sip;
  private final B2bua b2bua;
  private final CallObserver observer;
  private final InstantSource clock;

  ReplacingInvite(SipContext sip, B2bua b2bua, CallObserver observer, InstantSource clock) {
    this.sip = sip;
    this.b2bua = b2bua;
    this.observer = observer;
    this.clock = clock;
  }

  /**
   * {@code device} of {@code tenant} sent {@code invite} (from {@code peer}) replacing the dialog
   * {@code replaces} names. Returns the final response to send: 200 with our answer (the new leg
   * is a side of the call from now on), or why not.
   */
  public SipResponse answer(String tenant, String device, SipRequest invite, Peer peer, Replaces replaces, String toTag) {
    Leg named = b2bua.legOf(replaces.dialog());
    if (named == null || !named.call.origin.tenantId().equals(tenant) || named.departed
        || named != named.call.leg(named.side())) {
      return refuse(invite, toTag, 481, "Call/Transaction Does Not Exist (no dialog to replace)");
    }
    Call call = named.call;
    if (replaces.earlyOnly()) return refuse(invite, toTag, 486, "Busy Here (the dialog is confirmed: early-only)");
    Optional<String> busy = ReplacesJoin.busy(call);
    if (busy.isPresent()) return refuse(invite, toTag, 491, "Request Pending (" + busy.get() + ")");
    if (call.media == CallMedia.DIRECT || named.other() == null) {
      return refuse(invite, toTag, 488, "Not Acceptable Here (the call's media does not pass through Ramal)");
    }
    if (invite.body().length == 0) return refuse(invite, toTag, 488, "Not Acceptable Here (an SDP offer is needed)");
    Side side = named.side();
    if (call.media.openNewLeg(side) instanceof Outcome.Refuse r) return refuse(invite, toTag, r.status(), r.reason());
    byte[] answer;
    switch (call.media.newLegOffered(invite.body())) {
      case Outcome.AnswerLocally a -> answer = a.body();
      case Outcome.Refuse r -> {
        call.media.rewire(Wiring.ABANDONED);
        return refuse(invite, toTag, r.status(), r.reason());
      }
      case Outcome.Forward f -> {
        call.media.rewire(Wiring.ABANDONED);
        return refuse(invite, toTag, 488, "Not Acceptable Here");
      }
    }
    SipResponse ok = SipResponse.to(invite, 200, toTag);
    ok = ok.withHeaders(ok.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(peer).toString())
        .add(HeaderNames.ALLOW, SipContext.ALLOW)
        .add(HeaderNames.SERVER, sip.userAgent()).build()).withBody("application/sdp", answer);
    Leg fresh = new Leg(call, named.callerSide, Dialog.asUas(invite, ok), peer);
    String replacedParty = side == Side.CALLER ? call.callerParty : call.calleeParty;
    named.departed = true;
    b2bua.forget(named);
    SipRequest bye = named.dialog.newRequest("BYE", sip.viaFor(named.peer), 70);
    sip.layer().send(bye.withHeaders(bye.headers().toBuilder()
        .add("Reason", "SIP;cause=200;text=\"Call replaced by " + device + "\"").build()), named.peer, InDialogRelay.IGNORE);
    b2bua.track(fresh);
    call.media.rewire(Wiring.REPLACED);
    if (side == Side.CALLER) {
      call.callerLeg = fresh;
      call.callerParty = device;
    } else {
      call.calleeLeg = fresh;
      call.calleeParty = device;
    }
    Instant at = clock.instant();
    CallReports.observe(() -> observer.sideReplaced(tenant, call.id, side == Side.CALLER, device, at));
    log.info("event=leg_replaced call={} tenant={} side={} replaced={} by={} shard={}", call.id, tenant,
        named.name(), replacedParty, device, sip.shard().index());
    return ok;
  }

  private static SipResponse refuse(SipRequest invite, String toTag, int status, String reason) {
    return SipResponse.to(invite, status, toTag).withReason(reason);
  }
}
