package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.sip.dialog.DialogId;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ServerTransaction;

/**
 * The requests that arrive inside a dialog of one of the shard's legs (RFC 3261 §12.2.2: BYE,
 * re-INVITE, UPDATE, INFO, REFER, NOTIFY, MESSAGE; the router answers OPTIONS itself), and where
 * each one goes. A leg that is not
 * (or no longer) a side of its call hands its requests to the conference, supervision or transfer
 * that holds it. On a side of a call, a BYE ends the call (unless a consultation or conference goes
 * on without that party); requests of a parked call are the park's; a REFER is a transfer (or a
 * join with Replaces) when the media is anchored; while a transfer is under way a new offer or
 * REFER gets 491. Anything else crosses to the other leg ({@link InDialogRelay}) once the call's
 * media has seen its session description — which may answer a re-INVITE here instead. A caller
 * with no callee (waiting in a queue, in a voice menu) is answered here.
 *
 * <p>Everything of a call runs on its shard's thread, the single writer of its state: the
 * shard's router hands these requests over there, and no lock is taken.
 */
final class InDialogRequests {
  private final SipContext sip;
  private final B2bua b2bua;
  private final InDialogRelay relay;
  private final CallReports reports;
  private final Transfers transfers;
  private final Conferences conferences;
  private final Supervisions supervisions;
  private final ReplacesJoin replaces;
  private final IvrCalls ivrs;

  InDialogRequests(SipContext sip, B2bua b2bua, CallReports reports, Transfers transfers, Conferences conferences,
      Supervisions supervisions, ReplacesJoin replaces, IvrCalls ivrs) {
    this.sip = sip;
    this.b2bua = b2bua;
    this.relay = new InDialogRelay(sip);
    this.reports = reports;
    this.transfers = transfers;
    this.conferences = conferences;
    this.supervisions = supervisions;
    this.replaces = replaces;
    this.ivrs = ivrs;
  }

  /** An in-dialog request for one of our legs; false when no leg matches (the router sends 481). */
  boolean onRequest(ServerTransaction tx) {
    SipRequest req = tx.request();
    Leg leg = b2bua.legOf(DialogId.ofIncomingRequest(req));
    if (leg == null) return false;
    if (!leg.dialog.onRemoteRequest(req)) {
      tx.respond(SipResponse.to(req, 500).withReason("CSeq Out Of Order"));
      return true;
    }
    if (leg.departed || leg != leg.call.leg(leg.side())) {
      if (conferences.onParticipantRequest(tx, leg)) return true;
      if (supervisions.onSupervisorRequest(tx, leg)) return true;
      transfers.onSideLegRequest(tx, leg);
      return true;
    }
    Leg other = leg.other();
    if (other == null && !req.isMethod("BYE")) {
      answerForAbsentCallee(tx, leg);
      return true;
    }
    if (req.isMethod("BYE")) {
      tx.respond(SipResponse.to(req, 200));
      if (transfers.consultingPartyLeft(leg.call, leg)) return true;
      if (conferences.sideLeft(leg.call, leg)) return true;
      b2bua.sendBye(other);
      b2bua.end(leg.call, leg.callerSide ? "caller hung up" : "callee hung up");
      return true;
    }
    if (leg.call.park != null) {
      b2bua.parking().onParkedPartyRequest(tx, leg);
      return true;
    }
    if (req.isMethod("REFER") && leg.call.supervision != null) {
      tx.respond(SipResponse.to(req, 491).withReason("Request Pending (the call is supervised)"));
      return true;
    }
    if (req.isMethod("REFER") && leg.call.media != CallMedia.DIRECT) {
      if (!replaces.refer(leg.call, leg, tx)) transfers.refer(leg.call, leg, tx);
      return true;
    }
    if (leg.call.transfer != null && (req.isMethod("INVITE") || req.isMethod("UPDATE") || req.isMethod("REFER"))) {
      tx.respond(SipResponse.to(req, 491).withReason("Request Pending (a transfer is under way)"));
      return true;
    }
    if (req.isMethod("INFO")) infoDigit(leg, req);
    byte[] body = req.body();
    if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      switch (leg.call.media.reoffer(leg.side(), body)) {
        case Outcome.Forward f -> body = f.body();
        case Outcome.AnswerLocally a -> {
          answerLocally(tx, leg, a.body());
          return true;
        }
        case Outcome.Refuse r -> {
          tx.respond(SipResponse.to(req, r.status()).withReason(r.reason()));
          return true;
        }
      }
    }
    relay.relay(tx, leg, other, body);
    return true;
  }

  /**
   * A request from a caller that waits in a queue, with no callee to pass it on to: a re-INVITE or
   * UPDATE is answered by the media here, digits are reported, a REFER is refused.
   */
  private void answerForAbsentCallee(ServerTransaction tx, Leg leg) {
    SipRequest req = tx.request();
    if (req.isMethod("REFER")) {
      tx.respond(SipResponse.to(req, 403).withReason(IvrCalls.inMenu(leg.call)
          ? "Forbidden (the caller is in a voice menu)" : "Forbidden (the call waits in a queue)"));
      return;
    }
    if (req.isMethod("INFO")) infoDigit(leg, req);
    if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      switch (leg.call.media.reoffer(leg.side(), req.body())) {
        case Outcome.AnswerLocally a -> answerLocally(tx, leg, a.body());
        case Outcome.Refuse r -> tx.respond(SipResponse.to(req, r.status()).withReason(r.reason()));
        case Outcome.Forward f -> tx.respond(SipResponse.to(req, 488).withReason("Not Acceptable Here"));
      }
      return;
    }
    tx.respond(SipResponse.to(req, 200));
  }

  /** 200 to a re-INVITE or UPDATE the call's media answered itself, with its answer if it has one. */
  private void answerLocally(ServerTransaction tx, Leg leg, byte[] answer) {
    SipRequest req = tx.request();
    SipResponse ok = SipResponse.to(req, 200).withHeaders(SipResponse.to(req, 200).headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(leg.peer).toString()).build());
    tx.respond(answer.length > 0 ? ok.withBody("application/sdp", answer) : ok);
  }

  /** A key press carried in SIP INFO: reported, and handed to a voice menu the caller is in. */
  private void infoDigit(Leg leg, SipRequest info) {
    reports.digitInfo(leg, info).ifPresent(d -> ivrs.keyPressed(leg.call, leg.side(), d.digit(), d.duration()));
  }
}
