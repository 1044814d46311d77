package io.ramal.pbx.call;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.Binding;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transaction.Scheduler;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Calls one new leg of an existing call (a transfer target, a consulted party): an INVITE with
 * our offer to every registered contact of an extension, or to the tenant's trunk for an
 * external number, in a dialog of its own on the call's shard. It reports ringing once, the
 * first answer (confirmed with an ACK; the other contacts are cancelled) or the best failure,
 * and gives up after the no-answer time. Runs on the shard only.
 */
final class LegDialer {
  /** What became of the attempt; called on the shard, at most one final report. */
  interface Listener {
    void alerting();

    /**
     * A contact answered: the dialog is confirmed. Return a refusal to hang it up at once (its
     * answer was unusable); the attempt then ends as failed with that status.
     */
    Optional<Outcome.Refuse> answered(Dialog dialog, Peer peer, SipResponse ok);

    void failed(int status, String reason);
  }

  /** Who the new leg's INVITE says is calling. */
  record Identity(String number, String displayName, String domain) {}

  private final SipContext sip;
  private final Listener listener;
  private final Optional<Trunk> trunk;
  private final List<Fork> forks = new ArrayList<>();
  private final String callId;
  private final String fromTag;
  private boolean alerted;
  private boolean done;
  private Scheduler.Cancellable noAnswerTimer = Scheduler.Cancellable.NONE;

  private LegDialer(SipContext sip, Optional<Trunk> trunk, Listener listener) {
    this.sip = sip;
    this.trunk = trunk;
    this.listener = listener;
    this.callId = sip.newCallId();
    this.fromTag = sip.ids().tag();
  }

  /**
   * Starts calling {@code destination} with {@code offer}; a destination nobody can be reached at
   * fails at once (480, or the dial plan's status).
   */
  static LegDialer dial(SipContext sip, LocationService location, Identity from, Destination destination, byte[] offer,
      Duration noAnswerTimeout, Headers extra, Listener listener) {
    Optional<Trunk> trunk = destination instanceof Destination.ToTrunk t ? Optional.of(t.trunk()) : Optional.empty();
    LegDialer d = new LegDialer(sip, trunk, listener);
    switch (destination) {
      case Destination.Unroutable u -> {
        d.failLater(u.status(), u.reason());
        return d;
      }
      case Destination.ToQueue q -> {
        d.failLater(404, "Not Found (a queue is no leg to call)");
        return d;
      }
      case Destination.ToIvr i -> {
        d.failLater(404, "Not Found (a voice menu is no leg to call)");
        return d;
      }
      case Destination.ToExtension e -> {
        for (Binding b : location.lookup(new AddressOfRecord(e.tenantId(), e.number()))) {
          Peer peer = sip.isOpen(b.source()) ? b.source() : Peer.of(b.source().transport(), b.source().address());
          d.forks.add(new Fork(peer, d.invite(b.contact(), e.number(), from, from.domain(), peer, offer, extra)));
        }
        if (d.forks.isEmpty()) {
          d.failLater(480, "Temporarily Unavailable");
          return d;
        }
      }
      case Destination.ToTrunk t -> {
        Trunk tr = t.trunk();
        Peer peer = Peer.of(tr.transport(), new InetSocketAddress(tr.host(), tr.port()));
        SipUri ruri = SipUri.of(t.number(), tr.host(), tr.port());
        if (tr.transport() != Transport.UDP) ruri = ruri.withParam("transport", tr.transport().name().toLowerCase(Locale.ROOT));
        Identity presented = new Identity(tr.callerId().orElse(from.number()), from.displayName(), from.domain());
        d.forks.add(new Fork(peer, d.invite(ruri, t.number(), presented, tr.host(), peer, offer, extra)));
      }
    }
    for (Fork f : d.forks) d.send(f);
    d.noAnswerTimer = sip.shard().schedule(noAnswerTimeout, () -> d.giveUp(480, "No Answer"));
    return d;
  }

  /** The Call-ID of the new leg's dialog. */
  String callId() {
    return callId;
  }

  /** Stops calling (the transfer was cancelled or the call ended): every pending INVITE is cancelled. */
  void cancel() {
    if (done) return;
    done = true;
    noAnswerTimer.cancel();
    for (Fork f : forks) if (!f.isDone() && f.tx != null) f.tx.cancel();
  }

  private SipRequest invite(SipUri target, String toUser, Identity identity, String domain, Peer peer, byte[] offer,
      Headers extra) {
    Address from = Address.of(SipUri.of(identity.number(), domain, -1)).withTag(fromTag);
    if (!identity.displayName().isEmpty()) from = from.withDisplayText(identity.displayName());
    Headers.Builder h = Headers.builder()
        .add(HeaderNames.VIA, sip.viaFor(peer).toString())
        .add(HeaderNames.MAX_FORWARDS, "70")
        .add(HeaderNames.FROM, from.toString())
        .add(HeaderNames.TO, Address.of(SipUri.of(toUser, domain, -1)).toString())
        .add(HeaderNames.CALL_ID, callId)
        .add(HeaderNames.CSEQ, "1 INVITE")
        .add(HeaderNames.CONTACT, sip.contactFor(peer).toString())
        .add(HeaderNames.ALLOW, SipContext.ALLOW)
        .add(HeaderNames.USER_AGENT, sip.userAgent());
    extra.forEach(field -> h.add(field.name(), field.value()));
    h.add(HeaderNames.CONTENT_TYPE, "application/sdp");
    return new SipRequest("INVITE", target, h.build(), offer);
  }

  private void send(Fork fork) {
    fork.tx = sip.layer().send(fork.invite, fork.peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse response) {
        onResponseOf(fork, response);
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        forkFailed(fork, SipResponse.to(fork.invite, 408).withReason("Request Timeout"));
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        forkFailed(fork, SipResponse.to(fork.invite, 503).withReason("Service Unavailable"));
      }
    });
  }

  private void onResponseOf(Fork fork, SipResponse r) {
    if (r.status() == 100) return;
    if (r.isProvisional()) {
      if (!done && !alerted && (r.status() == 180 || r.status() == 183)) {
        alerted = true;
        CallReports.observe(listener::alerting);
      }
      return;
    }
    if (r.isSuccess()) {
      answered(fork, r);
      return;
    }
    if ((r.status() == 401 || r.status() == 407) && trunk.isPresent() && !fork.authRetried && !done) {
      Optional<SipRequest> retry = TrunkChallenge.answer(trunk.get(), fork.invite, r, sip.viaFor(fork.peer));
      if (retry.isPresent()) {
        fork.invite = retry.get();
        fork.authRetried = true;
        send(fork);
        return;
      }
    }
    forkFailed(fork, r);
  }

  private void answered(Fork fork, SipResponse r) {
    Dialog dialog;
    try {
      dialog = Dialog.asUac(fork.invite, r);
    } catch (IllegalArgumentException e) {
      forkFailed(fork, SipResponse.to(fork.invite, 502).withReason("Bad Gateway"));
      return;
    }
    sip.layer().sendStateless(dialog.ack(fork.invite.cseq().seq(), sip.viaFor(fork.peer)), fork.peer);
    if (done) {
      // A second contact answered, or an answer after we gave up: that dialog is not wanted.
      if (fork.finalResponse.isEmpty()) bye(dialog, fork.peer);
      return;
    }
    fork.finalResponse = Optional.of(r);
    done = true;
    noAnswerTimer.cancel();
    for (Fork other : forks) if (other != fork && !other.isDone()) other.tx.cancel();
    Optional<Outcome.Refuse> refusal = listener.answered(dialog, fork.peer, r);
    if (refusal.isPresent()) {
      bye(dialog, fork.peer);
      listener.failed(refusal.get().status(), refusal.get().reason());
    }
  }

  private void forkFailed(Fork fork, SipResponse r) {
    if (fork.isDone()) return;
    fork.finalResponse = Optional.of(r);
    if (done) return;
    if (r.status() >= 600) {
      for (Fork other : forks) if (!other.isDone()) other.tx.cancel();
    } else if (!forks.stream().allMatch(Fork::isDone)) {
      return;
    }
    SipResponse best = FailureChoice.best(forks);
    int status = best.status() == 408 || best.status() == 503 && trunk.isEmpty() ? 480 : best.status();
    finish(status, status == best.status() ? best.reason() : "Temporarily Unavailable");
  }

  /** A failure known at once is reported after {@link #dial} returned, as any other. */
  private void failLater(int status, String reason) {
    done = true;
    sip.shard().execute(() -> listener.failed(status, reason));
  }

  private void giveUp(int status, String reason) {
    if (done) return;
    for (Fork f : forks) if (!f.isDone()) f.tx.cancel();
    finish(status, reason);
  }

  private void finish(int status, String reason) {
    done = true;
    noAnswerTimer.cancel();
    listener.failed(status, reason);
  }

  private void bye(Dialog dialog, Peer peer) {
    sip.layer().send(dialog.newRequest("BYE", sip.viaFor(peer), 70), peer, InDialogRelay.IGNORE);
  }
}
