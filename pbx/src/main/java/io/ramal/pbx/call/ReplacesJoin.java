package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.CallMedia.Wiring;
import io.ramal.sip.dialog.DialogId;
import io.ramal.sip.dialog.Replaces;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.MalformedException;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transaction.ServerTransaction;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attended transfer done by the phone itself (RFC 5589 §7): the phone of party A, talking with B
 * in one call and with C in another (both through Ramal), sends a REFER in its dialog with B whose
 * Refer-To carries {@code ?Replaces=} naming its dialog with C. B and C end up in one call, A's
 * two legs are hung up, and A is told by NOTIFY (RFC 3515 §2.4.5) how it went.
 *
 * <p>The two calls may live on different shards (docs/adr/0006-park-and-cross-call-joins.md): the
 * shard of the REFER (call 1, A–B) asks the shard serving the named dialog's Call-ID (call 2) to
 * give up its remote party C. That shard checks the dialog is A's, in the same tenant, and free,
 * hangs A's leg up, ends call 2 without a BYE to C and without reporting it, and hands C's dialog
 * back as a value ({@link Handover}). Call 1's shard pins C's Call-ID to itself, re-INVITEs C with
 * an offer from call 1's media, and when C answers puts C in A's place: call 1 survives with B and
 * C, reported as the API's completed consultation is ({@link CallObserver#transferredWith}), and
 * call 2's record is written then (cause {@code transferred}).
 *
 * <p>Whatever fails after the 202 (no such dialog, another tenant's, busy, C refusing the
 * re-INVITE) reaches A as a NOTIFY with the failure's status line; call 1 goes on as it was.
 */
public final class ReplacesJoin {
  private static final Logger log = LoggerFactory.getLogger(ReplacesJoin.class);
  private final SipContext sip;
  private final B2bua b2bua;
  private final Transfers transfers;
  private final CallReports reports;
  private final CallObserver observer;
  private final InstantSource clock;
  private final ReplacingInvite invites;
  private CallShards shards;

  ReplacesJoin(SipContext sip, B2bua b2bua, Transfers transfers, CallReports reports, CallObserver observer,
      InstantSource clock) {
    this.sip = sip;
    this.b2bua = b2bua;
    this.transfers = transfers;
    this.reports = reports;
    this.observer = observer;
    this.clock = clock;
    this.shards = CallShards.one(sip.shard().index(), sip.shard(), b2bua);
    this.invites = new ReplacingInvite(sip, b2bua, observer, clock);
  }

  /** INVITEs with Replaces (RFC 3891) naming this shard's dialogs. */
  public ReplacingInvite invites() {
    return invites;
  }

  /** The shards whose calls may be joined with this shard's (set once, while the PBX starts). */
  public void across(CallShards shards) {
    this.shards = Objects.requireNonNull(shards, "shards");
  }

  // ---- on the shard of the REFER (call 1) ----

  /**
   * A REFER from the phone of {@code leg}: true when its Refer-To carries Replaces and it was
   * handled here, false for any other REFER (a blind transfer, {@link Transfers#refer}).
   */
  boolean refer(Call call, Leg leg, ServerTransaction tx) {
    SipRequest req = tx.request();
    Optional<SipUri> referTo = referTo(req);
    if (referTo.isEmpty()) return false;
    Replaces replaces;
    try {
      Optional<String> value = referTo.get().header("Replaces");
      if (value.isEmpty()) return false;
      replaces = Replaces.parse(value.get());
    } catch (MalformedException | IllegalArgumentException e) {
      tx.respond(SipResponse.to(req, 400).withReason("Bad Request (Replaces in Refer-To: " + e.getMessage() + ")"));
      return true;
    }
    Optional<String> busy = busy(call);
    if (busy.isPresent()) {
      tx.respond(SipResponse.to(req, 491).withReason("Request Pending (" + busy.get() + ")"));
      return true;
    }
    Side side = leg.side();
    byte[] offer;
    if (call.media.openNewLeg(side) instanceof Outcome.Forward f) {
      offer = f.body();
    } else {
      tx.respond(SipResponse.to(req, 503).withReason("Service Unavailable (no media for the transfer)"));
      return true;
    }
    Transfer t = new Transfer(Transfer.Kind.REFER_REPLACES, side, party(call, side), referTo.get().userDecoded(), false,
        call.direction, Optional.empty(), clock.instant(), leg);
    SipResponse accepted = SipResponse.to(req, 202).withReason("Accepted");
    tx.respond(accepted.withHeaders(accepted.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(leg.peer).toString()).build()));
    call.transfer = t;
    transfers.notifyReferrer(t, 100, "Trying");
    int here = sip.shard().index();
    int there = shards.indexFor(replaces.callId());
    String tenant = tenant(call);
    String callId = call.id;
    log.info("event=transfer_started call={} tenant={} kind=refer_replaces side={} shard={} replaced_dialog_shard={}",
        call.id, tenant, side, here, there);
    shards.execute(there, other -> {
      Handover h = other.replaces().giveUp(tenant, replaces.dialog(), callId, t.transferor);
      sip.shard().execute(() -> handedOver(call, t, offer, h, there));
    });
    return true;
  }

  private void handedOver(Call call, Transfer t, byte[] offer, Handover h, int there) {
    switch (h) {
      case Handover.Refused r -> {
        if (call.transfer == t) {
          call.transfer = null;
          call.media.rewire(Wiring.ABANDONED);
        }
        transfers.notifyReferrer(t, r.status(), r.reason());
        log.info("event=transfer_failed call={} tenant={} kind=refer_replaces cause=\"{} {}\"", call.id, tenant(call),
            r.status(), r.reason());
      }
      case Handover.Released d -> {
        int here = sip.shard().index();
        if (there != here) shards.pin(d.dialog().id().callId(), here);
        Leg joining = new Leg(call, t.side == Side.CALLER, d.dialog(), d.peer());
        b2bua.track(joining);
        if (call.transfer != t || call.state == Call.State.ENDED) {
          letGo(call, t, joining, d, 487, "Request Terminated (the call ended meanwhile)");
          return;
        }
        reinvite(call, t, joining, d, offer);
      }
    }
  }

  /** Offers C the media of call 1 in its own dialog (a re-INVITE): its answer completes the transfer. */
  private void reinvite(Call call, Transfer t, Leg joining, Handover.Released d, byte[] offer) {
    SipRequest invite = joining.dialog.newRequest("INVITE", sip.viaFor(joining.peer), 70);
    invite = invite.withHeaders(invite.headers().toBuilder()
        .add(HeaderNames.CONTACT, sip.contactFor(joining.peer).toString())
        .add(HeaderNames.ALLOW, SipContext.ALLOW).build()).withBody("application/sdp", offer);
    SipRequest sent = invite;
    sip.layer().send(sent, joining.peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction ct, SipResponse r) {
        if (r.status() < 200) return;
        if (!r.isSuccess()) {
          letGo(call, t, joining, d, r.status(), r.reason());
          return;
        }
        sip.layer().sendStateless(joining.dialog.ack(sent.cseq().seq(), sip.viaFor(joining.peer)), joining.peer);
        joining.dialog.onRemoteResponse(r);
        if (call.transfer != t || call.state == Call.State.ENDED) {
          letGo(call, t, joining, d, 487, "Request Terminated (the call ended meanwhile)");
        } else if (call.media.newLegAnswered(r.body()) instanceof Outcome.Refuse refused) {
          letGo(call, t, joining, d, refused.status(), refused.reason());
        } else {
          complete(call, t, joining, d);
        }
      }

      @Override
      public void onTimeout(ClientTransaction ct) {
        letGo(call, t, joining, d, 408, "Request Timeout");
      }

      @Override
      public void onTransportError(ClientTransaction ct) {
        letGo(call, t, joining, d, 503, "Service Unavailable");
      }
    });
  }

  /** C takes A's place in call 1; A is told, then hung up; call 2 is reported as transferred into call 1. */
  private void complete(Call call, Transfer t, Leg joining, Handover.Released d) {
    Instant at = clock.instant();
    String tenant = tenant(call);
    CallReports.observe(() -> observer.transferredWith(tenant, call.id, t.side == Side.CALLER, d.party(), d.external(),
        d.record().id(), d.wasCaller(), at));
    transfers.notifyReferrer(t, 200, "OK");
    Leg leaving = t.transferorLeg;
    leaving.departed = true;
    b2bua.byeAndForget(leaving);
    call.transfer = null;
    call.media.rewire(Wiring.REPLACED);
    if (t.side == Side.CALLER) {
      call.callerLeg = joining;
      call.callerParty = d.party();
    } else {
      call.calleeLeg = joining;
      call.calleeParty = d.party();
    }
    reports.write(d.record().endedAt(at, "transferred"));
    log.info("event=transfer_completed call={} consultation={} tenant={} kind=refer_replaces target={} shard={}", call.id,
        d.record().id(), tenant, d.party(), sip.shard().index());
  }

  /** The transfer failed after C was handed over: C is hung up, A told, call 1 goes on, call 2 is reported. */
  private void letGo(Call call, Transfer t, Leg joining, Handover.Released d, int status, String reason) {
    b2bua.byeAndForget(joining);
    shards.unpin(joining.dialog.id().callId());
    if (call.transfer == t) {
      call.transfer = null;
      call.media.rewire(Wiring.ABANDONED);
    }
    transfers.notifyReferrer(t, status, reason);
    reports.write(d.record().endedAt(clock.instant(), "transfer failed: " + status + " " + reason));
    log.info("event=transfer_failed call={} tenant={} kind=refer_replaces cause=\"{} {}\"", call.id, tenant(call), status,
        reason);
  }

  // ---- on the shard of the dialog named by Replaces (call 2) ----

  /**
   * Gives up the remote party of dialog {@code named} (one of our dialogs with {@code transferor},
   * in {@code tenant}) so that it joins call {@code joiningCallId}: the transferor's leg gets a
   * BYE, the call ends here unreported, and the party's dialog is handed over.
   */
  Handover giveUp(String tenant, DialogId named, String joiningCallId, String transferor) {
    Leg leg = b2bua.legOf(named);
    if (leg == null || !tenant(leg.call).equals(tenant) || leg.departed || leg != leg.call.leg(leg.side())) {
      return new Handover.Refused(481, "Call/Transaction Does Not Exist");
    }
    Call call = leg.call;
    if (call.id.equals(joiningCallId) || !party(call, leg.side()).equals(transferor)) {
      return new Handover.Refused(481, "Call/Transaction Does Not Exist");
    }
    Optional<String> busy = busy(call);
    if (busy.isPresent()) return new Handover.Refused(491, "Request Pending (" + busy.get() + ")");
    Leg kept = leg.other();
    if (kept == null || call.media == CallMedia.DIRECT) {
      return new Handover.Refused(488, "Not Acceptable Here (the call's media does not pass through Ramal)");
    }
    kept.departed = true; // it leaves this call without a BYE
    leg.departed = true;
    b2bua.byeAndForget(leg);
    CallRecord record = b2bua.release(call, "transferred");
    if (record == null) return new Handover.Refused(481, "Call/Transaction Does Not Exist");
    boolean external = call.trunk.isPresent() && (kept.callerSide ? call.direction == CallRecord.Direction.INBOUND
        : call.direction == CallRecord.Direction.OUTBOUND);
    log.info("event=dialog_handed_over call={} tenant={} joins={} shard={}", call.id, tenant, joiningCallId,
        sip.shard().index());
    return new Handover.Released(kept.dialog, kept.peer, party(call, kept.side()), external, kept.callerSide, record);
  }

  // ---- both ----

  /** Why {@code call} cannot take part in a join now; empty when it can. */
  static Optional<String> busy(Call call) {
    if (call.state != Call.State.CONFIRMED && call.state != Call.State.ANSWERED) return Optional.of("not answered");
    if (call.transfer != null) return Optional.of("a transfer is under way");
    if (call.conference != null) return Optional.of("the call is a conference");
    if (call.park != null) return Optional.of("the call is parked");
    if (call.supervision != null) return Optional.of("the call is supervised");
    if (QueueCalls.waiting(call)) return Optional.of("the call waits in a queue");
    return Optional.empty();
  }

  private static Optional<SipUri> referTo(SipRequest req) {
    try {
      return req.headers().first("Refer-To").or(() -> req.headers().first("r")).map(Address::parse).map(Address::uri)
          .filter(SipUri.class::isInstance).map(SipUri.class::cast);
    } catch (RuntimeException e) {
      return Optional.empty(); // Transfers answers 400
    }
  }

  private static String party(Call call, Side side) {
    return side == Side.CALLER ? call.callerParty : call.calleeParty;
  }

  private static String tenant(Call call) {
    return call.origin.tenantId();
  }
}
