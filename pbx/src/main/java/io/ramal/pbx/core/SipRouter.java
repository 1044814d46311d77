package io.ramal.pbx.core;

import io.ramal.pbx.call.B2bua;
import io.ramal.pbx.call.CallOrigin;
import io.ramal.pbx.call.CallRecord;
import io.ramal.pbx.call.DialPlan;
import io.ramal.pbx.call.Destination;
import io.ramal.pbx.call.Originator;
import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.Trunk;
import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.Binding;
import io.ramal.pbx.registrar.RegisterOutcome;
import io.ramal.pbx.registrar.Registrar;
import io.ramal.sip.dialog.Replaces;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ServerTransaction;
import io.ramal.sip.transaction.TransactionUser;
import io.ramal.sip.transport.Peer;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The transaction user of one shard: the visible chain every new request goes through —
 * sanity checks → in-dialog or not → authenticate → registrar | OPTIONS | B2BUA.
 */
public final class SipRouter implements TransactionUser {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SipRouter.class);
  private static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER",
      "UPDATE", "INFO", "PRACK", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");
  private static final Set<String> IN_DIALOG = Set.of("INVITE", "BYE", "UPDATE", "INFO", "NOTIFY", "REFER", "MESSAGE");
  private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final SipContext sip;
  private final Directory directory;
  private final Authenticator authenticator;
  private final Registrar registrar;
  private final DialPlan plan;
  private final B2bua b2bua;
  private final Originator originator;
  private final InstantSource clock;
  private final PbxEvents events;
  private Joins joins;

  public SipRouter(SipContext sip, Directory directory, Authenticator authenticator, Registrar registrar, DialPlan plan,
      B2bua b2bua, Originator originator, InstantSource clock, PbxEvents events) {
    this.sip = sip;
    this.directory = directory;
    this.authenticator = authenticator;
    this.registrar = registrar;
    this.plan = plan;
    this.b2bua = b2bua;
    this.originator = originator;
    this.clock = clock;
    this.events = events;
  }

  /** Where INVITEs to park slots go (set once while the PBX starts). */
  void joins(Joins joins) {
    this.joins = joins;
  }

  public B2bua b2bua() {
    return b2bua;
  }

  /** The shard's click-to-calls while they are set up (the B2BUA has them once answered). */
  public Originator originator() {
    return originator;
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    try {
      route(tx);
    } catch (RuntimeException e) {
      // Bulkhead: a defect in one request's handling answers 500 instead of leaving a transaction open.
      log.error("event=request_failed method={} call_id={}", tx.request().method(), tx.request().callId(), e);
      if (tx.lastResponse().map(r -> r.status() < 200).orElse(true)) tx.respond(SipResponse.to(tx.request(), 500));
    }
  }

  private void route(ServerTransaction tx) {
    SipRequest req = tx.request();
    Optional<SipResponse> refusal = RequestChecks.refusal(req);
    if (refusal.isPresent()) {
      respond(tx, refusal.get());
      return;
    }
    if (req.to().tag().isPresent()) {
      if (req.isMethod("OPTIONS")) options(tx);
      else if (!IN_DIALOG.contains(req.method())
          || !b2bua.onInDialogRequest(tx) && !originator.onInDialogRequest(tx)) {
        respond(tx, SipResponse.to(req, 481));
      }
      return;
    }
    switch (req.method()) {
      case "REGISTER" -> register(tx);
      case "OPTIONS" -> options(tx);
      case "INVITE" -> invite(tx);
      case "BYE" -> respond(tx, SipResponse.to(req, 481));
      default -> {
        int status = KNOWN_METHODS.contains(req.method()) ? 405 : 501;
        respond(tx, withAllow(SipResponse.to(req, status, sip.ids().tag())));
      }
    }
  }

  private void respond(ServerTransaction tx, SipResponse r) {
    // A digest challenge is part of the normal flow, not a refusal.
    if (r.status() >= 400 && r.status() != 401 && r.status() != 407) events.messageRejected(tx.peer(), r.status(), r.reason());
    tx.respond(r);
  }

  private SipResponse withAllow(SipResponse r) {
    return r.withHeaders(r.headers().toBuilder().add(HeaderNames.ALLOW, SipContext.ALLOW).build());
  }

  private void options(ServerTransaction tx) {
    SipResponse r = SipResponse.to(tx.request(), 200, sip.ids().tag());
    r = r.withHeaders(r.headers().toBuilder().add(HeaderNames.ALLOW, SipContext.ALLOW)
        .add(HeaderNames.ACCEPT, "application/sdp").add(HeaderNames.SERVER, sip.userAgent()).build());
    tx.respond(r);
  }

  private Optional<String> tenantOf(SipRequest req) {
    if (req.requestUri() instanceof SipUri u) {
      Optional<String> t = directory.tenantForDomain(u.hostName());
      if (t.isPresent()) return t;
    }
    return req.from().sipUri().flatMap(u -> directory.tenantForDomain(u.hostName()));
  }

  private void register(ServerTransaction tx) {
    SipRequest req = tx.request();
    String toTag = sip.ids().tag();
    Optional<String> tenant = req.requestUri() instanceof SipUri u ? directory.tenantForDomain(u.hostName()) : Optional.empty();
    if (tenant.isEmpty()) {
      respond(tx, SipResponse.to(req, 404, toTag).withReason("Domain Not Served"));
      return;
    }
    Optional<Extension> authenticated = authenticate(tx, tenant.get(), false, toTag);
    if (authenticated.isEmpty()) return;
    Extension ext = authenticated.get();
    Optional<SipUri> aorUri = req.to().sipUri();
    if (aorUri.isEmpty() || !aorUri.get().userDecoded().equals(ext.number())) {
      respond(tx, SipResponse.to(req, 403, toTag).withReason("Not Allowed To Register This AOR"));
      return;
    }
    AddressOfRecord aor = new AddressOfRecord(tenant.get(), ext.number());
    switch (registrar.register(req, aor, tx.peer())) {
      case RegisterOutcome.Refused r -> {
        SipResponse resp = SipResponse.to(req, r.status(), toTag).withReason(r.reason());
        Headers.Builder h = resp.headers().toBuilder();
        r.headers().forEach(h::add);
        respond(tx, resp.withHeaders(h.build()));
      }
      case RegisterOutcome.Accepted a -> {
        Instant now = clock.instant();
        SipResponse ok = SipResponse.to(req, 200, toTag);
        Headers.Builder h = ok.headers().toBuilder();
        for (Binding b : a.bindings()) {
          h.add(HeaderNames.CONTACT, Address.of(b.contact()).withParams(
              io.ramal.sip.message.Parameters.NONE.with("expires", Long.toString(b.remainingSeconds(now)))).toString());
        }
        h.add(HeaderNames.DATE, RFC1123.format(now)).add(HeaderNames.SERVER, sip.userAgent());
        tx.respond(ok.withHeaders(h.build()));
        long expires = a.bindings().stream().filter(b -> b.callId().equals(req.callId()))
            .mapToLong(b -> b.remainingSeconds(now)).max().orElse(0);
        events.registered(tenant.get(), ext.number(), tx.peer(), expires);
      }
    }
  }

  private void invite(ServerTransaction tx) {
    SipRequest req = tx.request();
    String dialed = req.requestUri() instanceof SipUri u ? u.userDecoded() : "";
    String did = dialed.isEmpty() ? req.to().sipUri().map(SipUri::userDecoded).orElse("") : dialed;
    Optional<Trunk> trunk = plan.inboundTrunk(trunksAt(tx.peer()), did);
    if (trunk.isPresent()) {
      Trunk t = trunk.get();
      tx.respond(SipResponse.to(req, 100));
      Address from = req.from();
      String caller = from.sipUri().map(SipUri::userDecoded).orElse("anonymous");
      CallOrigin origin = new CallOrigin(t.tenantId(), caller, from.displayText(), tx.peer(), directory.realmOf(t.tenantId()));
      b2bua.place(tx, origin, plan.routeInbound(t, did), CallRecord.Direction.INBOUND);
      return;
    }
    Optional<String> tenant = tenantOf(req);
    String toTag = sip.ids().tag();
    if (tenant.isEmpty()) {
      respond(tx, SipResponse.to(req, 404, toTag).withReason("Domain Not Served"));
      return;
    }
    Optional<Extension> authenticated = authenticate(tx, tenant.get(), true, toTag);
    if (authenticated.isEmpty()) return;
    Extension ext = authenticated.get();
    String fromUser = req.from().sipUri().map(SipUri::userDecoded).orElse("");
    if (!fromUser.equals(ext.number())) {
      respond(tx, SipResponse.to(req, 403, toTag).withReason("From Does Not Match Credentials"));
      return;
    }
    List<String> replaces = req.headers().values("Replaces");
    if (!replaces.isEmpty()) {
      replace(tx, tenant.get(), ext.number(), replaces, toTag);
      return;
    }
    if (joins != null && joins.isSlot(dialed)) {
      tx.respond(SipResponse.to(req, 100));
      joins.pickup(sip.shard().index(), tx, tenant.get(), ext.number(), dialed, toTag);
      return;
    }
    tx.respond(SipResponse.to(req, 100));
    String display = ext.displayName().isEmpty() ? req.from().displayText() : ext.displayName();
    CallOrigin origin = new CallOrigin(tenant.get(), ext.number(), display, tx.peer(), directory.realmOf(tenant.get()));
    Destination dest = plan.route(tenant.get(), dialed);
    CallRecord.Direction dir = dest instanceof Destination.ToTrunk ? CallRecord.Direction.OUTBOUND : CallRecord.Direction.INTERNAL;
    b2bua.place(tx, origin, dest, dir);
  }

  /** RFC 3891: an INVITE naming one of our dialogs to take its place; 400 for anything but one valid Replaces. */
  private void replace(ServerTransaction tx, String tenant, String device, List<String> values, String toTag) {
    SipRequest req = tx.request();
    Replaces replaces;
    try {
      if (values.size() != 1) throw new IllegalArgumentException("more than one Replaces header");
      replaces = Replaces.parse(values.get(0));
    } catch (IllegalArgumentException e) {
      respond(tx, SipResponse.to(req, 400, toTag).withReason("Bad Request (Replaces: " + e.getMessage() + ")"));
      return;
    }
    tx.respond(SipResponse.to(req, 100));
    if (joins != null) {
      joins.replace(sip.shard().index(), tx, tenant, device, replaces, toTag);
    } else {
      respond(tx, b2bua.replaces().invites().answer(tenant, device, req, tx.peer(), replaces, toTag));
    }
  }

  /** The extension whose credentials the request carries, or empty once a challenge or refusal was sent. */
  private Optional<Extension> authenticate(ServerTransaction tx, String tenant, boolean proxy, String toTag) {
    SipRequest req = tx.request();
    return switch (authenticator.authenticate(req, tenant, proxy, tx.peer(), toTag)) {
      case Authenticator.Result.Respond r -> {
        respond(tx, r.response());
        yield Optional.empty();
      }
      case Authenticator.Result.Drop d -> {
        respond(tx, SipResponse.to(req, 403, toTag));
        yield Optional.empty();
      }
      case Authenticator.Result.Authenticated a -> Optional.of(a.extension());
    };
  }

  private List<Trunk> trunksAt(Peer source) {
    return directory.trunksAt(source.address().getAddress(), source.port());
  }

  @Override
  public void onAck(SipRequest ack, Peer from) {
    if (!b2bua.onAck(ack) && joins != null) joins.acked(ack, from);
  }

  @Override
  public void onCancel(ServerTransaction invite) {
    if (!b2bua.onCancel(invite) && invite.lastResponse().map(r -> r.status() < 200).orElse(true)) {
      invite.respond(SipResponse.to(invite.request(), 487, sip.ids().tag()));
    }
  }

  @Override
  public void onStrayResponse(SipResponse response, Peer from) {
    b2bua.onStrayResponse(response);
  }

  @Override
  public void onAckTimeout(ServerTransaction invite) {
    if (joins != null) joins.ackTimedOut(invite.request());
    b2bua.onAckTimeout(invite);
  }
}
