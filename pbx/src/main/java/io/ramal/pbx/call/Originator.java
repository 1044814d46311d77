package io.ramal.pbx.call;

import io.ramal.pbx.call.Origination.Step;
import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.Trunk;
import io.ramal.pbx.media.CallMedia.Kind;
import io.ramal.pbx.media.CallMedia.Outcome;
import io.ramal.pbx.media.CallMedia.Side;
import io.ramal.pbx.media.MediaPlane;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.Binding;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.sip.dialog.Dialog;
import io.ramal.sip.dialog.DialogId;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click-to-call on one shard: third-party call control (RFC 3725) by an anchoring B2BUA, both
 * legs our own UAC dialogs. Ramal first rings every registered contact of the caller's own
 * device with an auto-answer hint ({@link OriginatorInvite}) and an offer of its own media;
 * once the device answers, it calls the destination routed as a call dialled from that device
 * (the extension's contacts, or the tenant's trunk for an external number), offering from the
 * call's other media leg. When the destination answers, the shard's {@link B2bua} adopts the
 * call and handles it from then on like any other.
 *
 * <p>Until then the call is this class's: the no-answer timeout of each step, clearing through
 * the API, and requests from the device while the destination rings (a BYE ends the attempt, a
 * hold re-INVITE is answered by the media). The device refusing or not answering ends the call
 * with that status, and the destination is never called. Runs on the shard only.
 */
public final class Originator {
  private static final Logger log = LoggerFactory.getLogger(Originator.class);
  private final SipContext sip;
  private final LocationService location;
  private final B2bua b2bua;
  private final MediaPlane mediaPlane;
  private final CallObserver observer;
  private final CallReports reports;
  private final InstantSource clock;
  private final Duration noAnswerTimeout;
  private final Map<String, Origination> byCallId = new HashMap<>();
  private final Map<DialogId, Origination> byDeviceDialog = new HashMap<>();

  public Originator(SipContext sip, LocationService location, B2bua b2bua, CallRecordSink records, InstantSource clock,
      Duration noAnswerTimeout, MediaPlane mediaPlane, CallObserver observer) {
    this.sip = sip;
    this.location = location;
    this.b2bua = b2bua;
    this.mediaPlane = mediaPlane;
    this.observer = observer;
    this.reports = new CallReports(records, observer, clock);
    this.clock = clock;
    this.noAnswerTimeout = noAnswerTimeout;
  }

  /** Click-to-calls being set up on this shard (answered ones are the B2BUA's). */
  public int activeCalls() {
    return byCallId.size();
  }

  /**
   * Rings {@code device} (an extension of a tenant whose SIP domain is {@code domain}) to connect
   * it to {@code destination}, already routed by the dial plan.
   */
  public OriginateOutcome originate(Extension device, String domain, Destination destination) {
    String tenant = device.tenantId();
    String dialed;
    Optional<Trunk> trunk = Optional.empty();
    switch (destination) {
      case Destination.ToExtension e -> dialed = e.number();
      case Destination.ToTrunk t -> {
        dialed = t.number();
        trunk = Optional.of(t.trunk());
      }
      case Destination.Unroutable u -> {
        return OriginateOutcome.refused(OriginateOutcome.Reason.UNKNOWN_DESTINATION, u.status() + " " + u.reason());
      }
      case Destination.ToQueue q -> {
        return OriginateOutcome.refused(OriginateOutcome.Reason.UNKNOWN_DESTINATION, "queue " + q.queue()
            + " cannot be called from a device");
      }
      case Destination.ToIvr i -> {
        return OriginateOutcome.refused(OriginateOutcome.Reason.UNKNOWN_DESTINATION, "voice menu " + i.menu().name()
            + " cannot be called from a device");
      }
    }
    List<Binding> bindings = location.lookup(new AddressOfRecord(tenant, device.number()));
    if (bindings.isEmpty()) {
      return OriginateOutcome.refused(OriginateOutcome.Reason.DEVICE_NOT_REGISTERED,
          "extension " + device.number() + " has no registered contact");
    }
    CallRecord.Direction direction = trunk.isPresent() ? CallRecord.Direction.OUTBOUND : CallRecord.Direction.INTERNAL;
    CallOrigin origin = new CallOrigin(tenant, device.number(), device.displayName(), bindings.get(0).source(), domain);
    Call call = Call.originated(sip.ids().callId(), origin, dialed, direction, sip.newCallId(), sip.ids().tag(),
        sip.newCallId(), sip.ids().tag(), clock.instant(), trunk);
    call.media = mediaPlane.open(call.id, tenant, sip.shard(), b2bua.listenerFor(call));
    byte[] offer;
    switch (call.media.offer(Side.CALLER)) {
      case Outcome.Forward f -> offer = f.body();
      case Outcome.Refuse r -> {
        call.media.close(r.status() + " " + r.reason());
        return OriginateOutcome.refused(OriginateOutcome.Reason.MEDIA_UNAVAILABLE,
            "click-to-call needs media anchored on Ramal: " + r.reason());
      }
      case Outcome.AnswerLocally a -> throw new IllegalStateException("an offer is never an answer");
    }
    Origination o = new Origination(call, destination);
    for (Binding b : bindings) {
      Peer peer = reachable(b);
      o.deviceForks.add(new Fork(peer, OriginatorInvite.build(sip, call, b.contact(), peer, offer)));
    }
    byCallId.put(call.id, o);
    CallReports.observe(() -> observer.originated(new CallObserver.Offer(tenant, call.id, direction, origin.number(),
        origin.displayName(), dialed, true, call.startedAt)));
    log.info("event=call_originating call={} tenant={} device={} destination={} direction={} contacts={}", call.id, tenant,
        origin.number(), dialed, direction.wire(), o.deviceForks.size());
    for (Fork f : o.deviceForks) send(o, f, true);
    call.noAnswerTimer = sip.shard().schedule(noAnswerTimeout, () -> noAnswer(o));
    return new OriginateOutcome.Started(call.id);
  }

  private Peer reachable(Binding b) {
    return sip.isOpen(b.source()) ? b.source() : Peer.of(b.source().transport(), b.source().address());
  }

  private void send(Origination o, Fork fork, boolean towardsDevice) {
    fork.tx = sip.layer().send(fork.invite, fork.peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse response) {
        if (towardsDevice) onDeviceResponse(o, fork, response);
        else onDestinationResponse(o, fork, response);
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        failed(o, fork, towardsDevice, SipResponse.to(fork.invite, 408).withReason("Request Timeout"));
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        failed(o, fork, towardsDevice, SipResponse.to(fork.invite, 503).withReason("Service Unavailable"));
      }
    });
  }

  private void failed(Origination o, Fork fork, boolean towardsDevice, SipResponse r) {
    if (towardsDevice) deviceFailed(o, fork, r);
    else destinationFailed(o, fork, r);
  }

  // ---- step 1: the caller's own device ----

  private void onDeviceResponse(Origination o, Fork fork, SipResponse r) {
    if (r.isProvisional()) return;
    if (r.isSuccess()) deviceAnswered(o, fork, r);
    else deviceFailed(o, fork, r);
  }

  private void deviceAnswered(Origination o, Fork fork, SipResponse r) {
    Call call = o.call;
    Dialog dialog;
    try {
      dialog = Dialog.asUac(fork.invite, r);
    } catch (IllegalArgumentException e) {
      deviceFailed(o, fork, SipResponse.to(fork.invite, 502).withReason("Bad Gateway"));
      return;
    }
    if (o.step != Step.RINGING_DEVICE || call.state == Call.State.ENDED) {
      // The answer we took, retransmitted; or another contact, or an answer after we gave up.
      ack(dialog, fork);
      if (call.callerLeg == null || !call.callerLeg.dialog.id().equals(dialog.id())) bye(dialog, fork.peer);
      return;
    }
    Optional<SipResponse> unusable = Optional.empty();
    byte[] towardsDestination = new byte[0];
    if (r.body().length == 0) {
      unusable = Optional.of(SipResponse.to(fork.invite, 488).withReason("Not Acceptable Here (no answer to our offer)"));
    } else {
      switch (call.media.fromSide(Side.CALLER, Kind.ANSWER, r.body())) {
        case Outcome.Forward f -> towardsDestination = f.body();
        case Outcome.AnswerLocally a -> towardsDestination = a.body();
        case Outcome.Refuse refused ->
            unusable = Optional.of(SipResponse.to(fork.invite, refused.status()).withReason(refused.reason()));
      }
    }
    ack(dialog, fork);
    if (unusable.isPresent()) {
      bye(dialog, fork.peer);
      deviceFailed(o, fork, unusable.get());
      return;
    }
    fork.finalResponse = Optional.of(r);
    call.noAnswerTimer.cancel();
    for (Fork other : o.deviceForks) if (other != fork && !other.isDone()) other.tx.cancel();
    call.callerLeg = new Leg(call, true, dialog, fork.peer);
    byDeviceDialog.put(dialog.id(), o);
    o.step = Step.CALLING_DESTINATION;
    CallReports.observe(() -> observer.originatorAnswered(call.origin.tenantId(), call.id, clock.instant()));
    log.debug("event=originating_device_answered call={} tenant={}", call.id, call.origin.tenantId());
    callDestination(o, towardsDestination);
  }

  private void deviceFailed(Origination o, Fork fork, SipResponse r) {
    if (fork.isDone()) return;
    fork.finalResponse = Optional.of(r);
    if (o.step != Step.RINGING_DEVICE || o.call.state == Call.State.ENDED) return;
    if (r.status() >= 600) {
      for (Fork other : o.deviceForks) if (!other.isDone()) other.tx.cancel();
    } else if (!o.deviceForks.stream().allMatch(Fork::isDone)) {
      return;
    }
    SipResponse best = FailureChoice.best(o.deviceForks);
    int status = best.status() == 408 || best.status() == 503 ? 480 : best.status();
    String reason = status == best.status() ? best.reason() : "Temporarily Unavailable";
    finish(o, disposition(status), status + " " + reason + " (the originating device " + o.call.origin.number() + ")");
  }

  // ---- step 2: the destination ----

  private void callDestination(Origination o, byte[] offer) {
    Call call = o.call;
    CallReports.observe(() -> observer.destinationCalled(call.origin.tenantId(), call.id, call.direction, call.callee,
        clock.instant()));
    if (offer.length == 0) {
      endWithDevice(o, CallRecord.Disposition.FAILED, "503 Service Unavailable (no offer for the destination)");
      return;
    }
    switch (o.destination) {
      case Destination.ToQueue q -> throw new IllegalStateException("refused before the device was called");
      case Destination.ToIvr i -> throw new IllegalStateException("refused before the device was called");
      case Destination.ToExtension e -> {
        List<Binding> bindings = location.lookup(new AddressOfRecord(e.tenantId(), e.number()));
        if (bindings.isEmpty()) {
          endWithDevice(o, CallRecord.Disposition.FAILED, "480 Temporarily Unavailable");
          return;
        }
        for (Binding b : bindings) {
          Peer peer = reachable(b);
          call.forks.add(new Fork(peer, CalleeInvite.build(sip, call, b.contact(), peer, offer)));
        }
      }
      case Destination.ToTrunk t -> {
        Trunk tr = t.trunk();
        Peer peer = Peer.of(tr.transport(), new InetSocketAddress(tr.host(), tr.port()));
        SipUri ruri = SipUri.of(t.number(), tr.host(), tr.port());
        if (tr.transport() != Transport.UDP) ruri = ruri.withParam("transport", tr.transport().name().toLowerCase(Locale.ROOT));
        call.forks.add(new Fork(peer, CalleeInvite.build(sip, call, ruri, peer, offer)));
      }
      case Destination.Unroutable u -> throw new IllegalStateException("refused before the device rang");
    }
    for (Fork f : call.forks) send(o, f, false);
    call.noAnswerTimer = sip.shard().schedule(noAnswerTimeout, () -> noAnswer(o));
  }

  private void onDestinationResponse(Origination o, Fork fork, SipResponse r) {
    Call call = o.call;
    if (r.status() == 100) return;
    if (r.isProvisional()) {
      if (call.state == Call.State.RINGING && (r.status() == 180 || r.status() == 183)) {
        if (!call.alerted) {
          call.alerted = true;
          CallReports.observe(() -> observer.alerting(call.origin.tenantId(), call.id, clock.instant()));
        }
        // Early media (a 183 with SDP): the device already hears the destination's leg.
        if (r.body().length > 0) call.media.fromSide(Side.CALLEE, Kind.ANSWER, r.body());
      }
      return;
    }
    if (r.isSuccess()) {
      destinationAnswered(o, fork, r);
      return;
    }
    if ((r.status() == 401 || r.status() == 407) && call.trunk.isPresent() && !fork.authRetried
        && call.state == Call.State.RINGING) {
      Optional<SipRequest> retry = TrunkChallenge.answer(call.trunk.get(), fork.invite, r, sip.viaFor(fork.peer));
      if (retry.isPresent()) {
        fork.invite = retry.get();
        fork.authRetried = true;
        send(o, fork, false);
        return;
      }
    }
    destinationFailed(o, fork, r);
  }

  private void destinationAnswered(Origination o, Fork fork, SipResponse r) {
    Call call = o.call;
    Dialog dialog;
    try {
      dialog = Dialog.asUac(fork.invite, r);
    } catch (IllegalArgumentException e) {
      destinationFailed(o, fork, SipResponse.to(fork.invite, 502).withReason("Bad Gateway"));
      return;
    }
    if (call.state != Call.State.RINGING) {
      // The answer we took, retransmitted; or a second fork, or an answer after we gave up.
      ack(dialog, fork);
      if (call.calleeLeg == null || !call.calleeLeg.dialog.id().equals(dialog.id())) bye(dialog, fork.peer);
      return;
    }
    Optional<SipResponse> unusable = Optional.empty();
    if (r.body().length == 0) {
      unusable = Optional.of(SipResponse.to(fork.invite, 488).withReason("Not Acceptable Here (no answer to our offer)"));
    } else if (call.media.fromSide(Side.CALLEE, Kind.ANSWER, r.body()) instanceof Outcome.Refuse refused) {
      unusable = Optional.of(SipResponse.to(fork.invite, refused.status()).withReason(refused.reason()));
    }
    ack(dialog, fork);
    if (unusable.isPresent()) {
      bye(dialog, fork.peer);
      destinationFailed(o, fork, unusable.get());
      return;
    }
    fork.finalResponse = Optional.of(r);
    call.state = Call.State.CONFIRMED;
    call.noAnswerTimer.cancel();
    for (Fork other : call.forks) if (other != fork && !other.isDone()) other.tx.cancel();
    call.calleeLeg = new Leg(call, false, dialog, fork.peer);
    call.media.answered(Side.CALLEE);
    call.answeredAt = clock.instant();
    CallReports.observe(() -> observer.answered(call.origin.tenantId(), call.id, call.answeredAt));
    forget(o);
    b2bua.adopt(call);
    log.debug("event=call_answered call={} tenant={} originated=true", call.id, call.origin.tenantId());
  }

  private void destinationFailed(Origination o, Fork fork, SipResponse r) {
    Call call = o.call;
    if (fork.isDone()) return;
    fork.finalResponse = Optional.of(r);
    if (call.state != Call.State.RINGING || o.step != Step.CALLING_DESTINATION) return;
    if (r.status() >= 600) {
      for (Fork other : call.forks) if (!other.isDone()) other.tx.cancel();
    } else if (!call.forks.stream().allMatch(Fork::isDone)) {
      return;
    }
    SipResponse best = FailureChoice.best(call.forks);
    int status = best.status() == 408 || best.status() == 503 && call.trunk.isEmpty() ? 480 : best.status();
    endWithDevice(o, disposition(status), status + " " + (status == best.status() ? best.reason() : "Temporarily Unavailable"));
  }

  // ---- either step ----

  private void noAnswer(Origination o) {
    if (o.call.state != Call.State.RINGING) return;
    if (o.step == Step.RINGING_DEVICE) {
      for (Fork f : o.deviceForks) if (!f.isDone()) f.tx.cancel();
      finish(o, CallRecord.Disposition.NO_ANSWER, "480 No Answer (the originating device " + o.call.origin.number() + ")");
    } else {
      for (Fork f : o.call.forks) if (!f.isDone()) f.tx.cancel();
      endWithDevice(o, CallRecord.Disposition.NO_ANSWER, "480 No Answer");
    }
  }

  /**
   * Clears click-to-call {@code callId} of {@code tenant} while it is being set up: the ringing
   * device or destination is cancelled, an answered device gets a BYE. False when this shard is
   * not setting up such a call (an answered one is the B2BUA's to clear).
   */
  public boolean clear(String tenant, String callId, String cause) {
    Origination o = byCallId.get(callId);
    if (o == null || !o.call.origin.tenantId().equals(tenant) || o.call.state != Call.State.RINGING) return false;
    if (o.step == Step.RINGING_DEVICE) {
      for (Fork f : o.deviceForks) if (!f.isDone()) f.tx.cancel();
      finish(o, CallRecord.Disposition.CANCELLED, cause);
    } else {
      for (Fork f : o.call.forks) if (!f.isDone()) f.tx.cancel();
      endWithDevice(o, CallRecord.Disposition.CANCELLED, cause);
    }
    return true;
  }

  /**
   * A request from the answered device while the destination is still being called; false when
   * it belongs to no such call. A BYE ends the attempt; a re-INVITE or UPDATE (hold) is answered
   * by the call's media; anything else is acknowledged.
   */
  public boolean onInDialogRequest(ServerTransaction tx) {
    SipRequest req = tx.request();
    Origination o = byDeviceDialog.get(new DialogId(req.callId(), req.to().tag().orElse(""), req.from().tag().orElse("")));
    if (o == null) return false;
    Call call = o.call;
    Leg leg = call.callerLeg;
    if (!leg.dialog.onRemoteRequest(req)) {
      tx.respond(SipResponse.to(req, 500).withReason("CSeq Out Of Order"));
      return true;
    }
    if (req.isMethod("BYE")) {
      tx.respond(SipResponse.to(req, 200));
      for (Fork f : call.forks) if (!f.isDone()) f.tx.cancel();
      finish(o, CallRecord.Disposition.CANCELLED, "caller hung up");
      return true;
    }
    if (req.isMethod("INVITE") || req.isMethod("UPDATE")) {
      switch (call.media.reoffer(Side.CALLER, req.body())) {
        case Outcome.AnswerLocally a -> {
          SipResponse ok = SipResponse.to(req, 200);
          ok = ok.withHeaders(ok.headers().toBuilder().add(HeaderNames.CONTACT, sip.contactFor(leg.peer).toString()).build());
          tx.respond(a.body().length > 0 ? ok.withBody("application/sdp", a.body()) : ok);
        }
        case Outcome.Refuse r -> tx.respond(SipResponse.to(req, r.status()).withReason(r.reason()));
        case Outcome.Forward f -> tx.respond(SipResponse.to(req, 491).withReason("Request Pending"));
      }
      return true;
    }
    tx.respond(SipResponse.to(req, 200));
    return true;
  }

  private static CallRecord.Disposition disposition(int status) {
    return switch (status) {
      case 486, 600 -> CallRecord.Disposition.BUSY;
      case 408, 480, 487 -> CallRecord.Disposition.NO_ANSWER;
      default -> CallRecord.Disposition.FAILED;
    };
  }

  /** Ends a call whose device answered: BYE to the device, then the record. */
  private void endWithDevice(Origination o, CallRecord.Disposition disposition, String cause) {
    Leg device = o.call.callerLeg;
    if (device != null && o.call.state != Call.State.ENDED) bye(device.dialog, device.peer);
    finish(o, disposition, cause);
  }

  private void finish(Origination o, CallRecord.Disposition disposition, String cause) {
    Call call = o.call;
    if (call.state == Call.State.ENDED) return;
    call.state = Call.State.ENDED;
    call.noAnswerTimer.cancel();
    forget(o);
    call.media.close(cause);
    reports.ended(call, disposition, cause);
  }

  private void forget(Origination o) {
    byCallId.remove(o.call.id);
    if (o.call.callerLeg != null) byDeviceDialog.remove(o.call.callerLeg.dialog.id());
  }

  private void ack(Dialog dialog, Fork fork) {
    sip.layer().sendStateless(dialog.ack(fork.invite.cseq().seq(), sip.viaFor(fork.peer)), fork.peer);
  }

  private void bye(Dialog dialog, Peer peer) {
    sip.layer().send(dialog.newRequest("BYE", sip.viaFor(peer), 70), peer, InDialogRelay.IGNORE);
  }
}
