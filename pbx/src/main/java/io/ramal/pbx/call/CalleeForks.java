package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.media.CallMedia.Kind;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.dialog.DialogId;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transport.Peer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INVITEs a ringing call sends towards its callee, one per contact of the extension or one to
 * the trunk (RFC 3261 §16.7 forking done as a B2BUA): provisional responses relayed to the caller,
 * a trunk's digest challenge answered once, the first 2xx answering the call (the other forks are
 * cancelled, a late 2xx is ACKed and hung up), and the caller refused with the best failure when
 * every fork failed (§16.7 step 6) or the call rang too long.
 */
final class CalleeForks {
  private static final Logger log = LoggerFactory.getLogger(CalleeForks.class);
  private final SipContext sip;
  private final B2bua b2bua;
  private final ShardCalls calls;
  private final CallObserver observer;
  private final InstantSource clock;

  CalleeForks(SipContext sip, B2bua b2bua, ShardCalls calls, CallObserver observer, InstantSource clock) {
    this.sip = sip;
    this.b2bua = b2bua;
    this.calls = calls;
    this.observer = observer;
    this.clock = clock;
  }

  /** Sends {@code fork}'s INVITE; its responses come back to this class. */
  void send(Call call, Fork fork) {
    fork.tx = sip.layer().send(fork.invite, fork.peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse response) {
        responded(call, fork, response);
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        failed(call, fork, SipResponse.to(fork.invite, 408).withReason("Request Timeout"));
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        failed(call, fork, SipResponse.to(fork.invite, 503).withReason("Service Unavailable"));
      }
    });
  }

  private void responded(Call call, Fork fork, SipResponse r) {
    if (r.status() == 100) return;
    if (r.isProvisional()) {
      if (r.to().tag().isPresent() && r.headers().has(HeaderNames.CONTACT)) fork.early = r;
      if (call.state == Call.State.RINGING && (r.status() == 180 || r.status() == 183)) relayProvisional(call, r);
      return;
    }
    if (r.isSuccess()) {
      answered(call, fork, r);
      return;
    }
    if ((r.status() == 401 || r.status() == 407) && call.trunk.isPresent() && !fork.authRetried
        && call.state == Call.State.RINGING && retryWithCredentials(call, fork, r)) {
      return;
    }
    failed(call, fork, r);
  }

  private boolean retryWithCredentials(Call call, Fork fork, SipResponse challenge) {
    Optional<SipRequest> retry = TrunkChallenge.answer(call.trunk.orElseThrow(), fork.invite, challenge, sip.viaFor(fork.peer));
    if (retry.isEmpty()) return false;
    fork.invite = retry.get();
    fork.authRetried = true;
    send(call, fork);
    return true;
  }

  private void relayProvisional(Call call, SipResponse r) {
    if (!call.alerted) {
      call.alerted = true;
      CallReports.observe(() -> observer.alerting(call.origin.tenantId(), call.id, clock.instant()));
    }
    SipResponse toCaller = b2bua.callerResponse(call, r.status(), r.reason());
    if (r.body().length > 0 && !call.lateOffer()
        && call.media.fromSide(Side.CALLEE, Kind.ANSWER, r.body()) instanceof Outcome.Forward f && f.body().length > 0) {
      toCaller = toCaller.withBody("application/sdp", f.body());
    }
    call.callerInvite.respond(toCaller);
  }

  private void answered(Call call, Fork fork, SipResponse r) {
    Dialog calleeDialog;
    try {
      calleeDialog = Dialog.asUac(fork.invite, r);
    } catch (IllegalArgumentException e) {
      // A 2xx without Contact or To tag: no dialog can be built with that callee.
      failed(call, fork, SipResponse.to(fork.invite, 502).withReason("Bad Gateway"));
      return;
    }
    if (call.state != Call.State.RINGING) {
      // A second fork answered, or the caller gave up meanwhile: confirm and hang up that dialog.
      if (call.calleeLeg != null && call.calleeLeg.dialog.id().equals(calleeDialog.id())) {
        sip.layer().sendStateless(ackFor(calleeDialog, fork.invite, fork.peer), fork.peer);
        return;
      }
      sip.layer().sendStateless(ackFor(calleeDialog, fork.invite, fork.peer), fork.peer);
      b2bua.sendBye(calleeDialog, fork.peer);
      return;
    }
    byte[] towardsCaller = new byte[0];
    if (r.body().length > 0) {
      switch (call.media.fromSide(Side.CALLEE, call.lateOffer() ? Kind.OFFER : Kind.ANSWER, r.body())) {
        case Outcome.Forward f -> towardsCaller = f.body();
        case Outcome.AnswerLocally a -> towardsCaller = a.body();
        case Outcome.Refuse refused -> {
          // The callee answered with a description we cannot use: confirm and hang up its dialog.
          sip.layer().sendStateless(ackFor(calleeDialog, fork.invite, fork.peer), fork.peer);
          b2bua.sendBye(calleeDialog, fork.peer);
          failed(call, fork, SipResponse.to(fork.invite, refused.status()).withReason(refused.reason()));
          return;
        }
      }
    }
    fork.finalResponse = Optional.of(r);
    call.state = Call.State.ANSWERED;
    call.media.answered(Side.CALLEE);
    call.answeredAt = clock.instant();
    Instant answeredAt = call.answeredAt;
    CallReports.observe(() -> observer.answered(call.origin.tenantId(), call.id, answeredAt));
    b2bua.recordingOf(call).answered();
    call.noAnswerTimer.cancel();
    for (Fork other : call.forks) if (other != fork && !other.isDone()) other.tx.cancel();
    call.calleeLeg = new Leg(call, false, calleeDialog, fork.peer);
    SipRequest ack = ackFor(calleeDialog, fork.invite, fork.peer);
    if (call.lateOffer()) call.pendingCalleeAck = ack;
    else sip.layer().sendStateless(ack, fork.peer);
    SipResponse ok = b2bua.callerResponse(call, 200, r.reason());
    if (towardsCaller.length > 0) ok = ok.withBody("application/sdp", towardsCaller);
    call.callerInvite.respond(ok);
    call.callerLeg = new Leg(call, true, Dialog.asUas(call.callerRequest(), ok), call.callerInvite.peer());
    calls.answered(call);
    log.debug("event=call_answered call={} tenant={}", call.id, call.origin.tenantId());
  }

  /**
   * {@code call} ended: its INVITEs towards the callee stay in the transaction layer until Timer M
   * (64*T1) to catch late 2xx, and now hold only their request and what answered, not the call
   * (its media, legs and buffers would otherwise live 32 s past the call). A late 2xx is still
   * ACKed, and hung up when it comes from a dialog the call never used.
   */
  void release(Call call) {
    for (Fork fork : call.forks) {
      if (fork.tx == null || fork.tx.isTerminated()) continue;
      Optional<DialogId> answered = fork.finalResponse.filter(SipResponse::isSuccess).flatMap(r -> dialogId(fork.invite, r));
      fork.tx.handOver(new LateAnswers(fork.invite, fork.peer, answered));
    }
  }

  /** The dialog a 2xx to {@code invite} makes; empty for a 2xx no dialog can be built from (no Contact, no To tag). */
  private static Optional<DialogId> dialogId(SipRequest invite, SipResponse r) {
    try {
      return Optional.of(Dialog.asUac(invite, r).id());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** What an ended call's INVITE still does with a 2xx: ACK it, and BYE a dialog that never answered the call. */
  private final class LateAnswers implements ClientTransaction.Listener {
    private final SipRequest invite;
    private final Peer peer;
    private final Optional<DialogId> answered;

    LateAnswers(SipRequest invite, Peer peer, Optional<DialogId> answered) {
      this.invite = invite;
      this.peer = peer;
      this.answered = answered;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse r) {
      if (!r.isSuccess()) return;
      Dialog d;
      try {
        d = Dialog.asUac(invite, r);
      } catch (IllegalArgumentException e) {
        return;
      }
      sip.layer().sendStateless(ackFor(d, invite, peer), peer);
      if (!answered.equals(Optional.of(d.id()))) b2bua.sendBye(d, peer);
    }

    @Override
    public void onTimeout(ClientTransaction tx) {}

    @Override
    public void onTransportError(ClientTransaction tx) {}
  }

  private SipRequest ackFor(Dialog d, SipRequest invite, Peer peer) {
    return d.ack(invite.cseq().seq(), sip.viaFor(peer));
  }

  private void failed(Call call, Fork fork, SipResponse r) {
    if (fork.isDone()) return;
    fork.finalResponse = Optional.of(r);
    if (call.state != Call.State.RINGING) return;
    if (r.status() >= 600) {
      for (Fork other : call.forks) if (!other.isDone()) other.tx.cancel();
    } else if (!call.forks.stream().allMatch(Fork::isDone)) {
      return;
    }
    SipResponse best = FailureChoice.best(call.forks);
    int status = best.status() == 408 || best.status() == 503 && call.trunk.isEmpty() ? 480 : best.status();
    CallRecord.Disposition d = switch (status) {
      case 486, 600 -> CallRecord.Disposition.BUSY;
      case 408, 480, 487 -> CallRecord.Disposition.NO_ANSWER;
      default -> CallRecord.Disposition.FAILED;
    };
    b2bua.reject(call, status, status == best.status() ? best.reason() : "", d);
  }

  /** The call rang too long: every fork still ringing is cancelled, the caller gets 480. */
  void noAnswer(Call call) {
    if (call.state != Call.State.RINGING) return;
    for (Fork f : call.forks) if (!f.isDone()) f.tx.cancel();
    b2bua.reject(call, 480, "No Answer", CallRecord.Disposition.NO_ANSWER);
  }

  /**
   * A 2xx retransmission or late forked 2xx for a callee-side INVITE of {@code call} (null: none
   * matched): the answering dialog's 2xx is ACKed again, another fork's is ACKed and hung up.
   */
  boolean onStrayResponse(Call call, SipResponse r) {
    Leg leg = call == null ? null : call.calleeLeg;
    if (leg == null || !r.isSuccess() || !r.cseq().method().equals("INVITE")) return leg != null;
    Dialog d;
    try {
      d = Dialog.asUac(leg.call.forks.get(0).invite, r);
    } catch (IllegalArgumentException e) {
      return true;
    }
    if (d.id().equals(leg.dialog.id())) {
      sip.layer().sendStateless(leg.dialog.ack(r.cseq().seq(), sip.viaFor(leg.peer)), leg.peer);
    } else {
      sip.layer().sendStateless(d.ack(r.cseq().seq(), sip.viaFor(leg.peer)), leg.peer);
      b2bua.sendBye(d, leg.peer);
    }
    return true;
  }
}
