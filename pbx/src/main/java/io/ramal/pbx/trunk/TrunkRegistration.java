package io.ramal.pbx.trunk;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import io.ramal.pbx.trunk.TrunkRegistrationStatus.State;
import io.ramal.sip.auth.DigestAuthorizer;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transaction.Scheduler.Cancellable;
import io.ramal.sip.transport.Peer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one trunk registered with its provider (RFC 3261 §10.2): REGISTER, answer a digest
 * challenge once per attempt, follow a 423's Min-Expires, refresh before expiry, retry a minute
 * after a failure. {@link #update} sends a REGISTER with the changed credentials at once (same
 * Call-ID, next CSeq); {@link #stop} removes the binding (Expires: 0) and sends nothing more.
 *
 * <p>All work runs on the registration's shard; answers and timers of an attempt that a later
 * update or stop replaced are ignored. {@link #status()} may be read from any thread.
 */
public final class TrunkRegistration {
  private static final Logger log = LoggerFactory.getLogger(TrunkRegistration.class);
  static final Duration RETRY = Duration.ofSeconds(60);
  private final SipContext sip;
  private final InstantSource clock;
  private final String callId;
  private final String fromTag;
  private volatile Trunk trunk;
  private DigestAuthorizer authorizer;
  private long expiry;
  private long cseq;
  private long generation;
  private boolean bound;
  private Cancellable timer = Cancellable.NONE;
  private volatile TrunkRegistrationStatus status = TrunkRegistrationStatus.of(State.REGISTERING);

  public TrunkRegistration(SipContext sip, Trunk trunk, InstantSource clock) {
    this.sip = sip;
    this.clock = clock;
    this.callId = sip.newCallId();
    this.fromTag = sip.ids().tag();
    use(trunk);
  }

  public Trunk trunk() {
    return trunk;
  }

  public TrunkRegistrationStatus status() {
    return status;
  }

  public boolean isRegistered() {
    return status.registered();
  }

  public void start() {
    sip.shard().execute(() -> attempt(generation));
  }

  /**
   * The trunk changed (credentials, realm, interval) but is still the same binding (host, port,
   * transport and user): register again at once with what it now says.
   */
  public void update(Trunk changed) {
    sip.shard().execute(() -> {
      replaceAttempt();
      use(changed);
      status = TrunkRegistrationStatus.of(State.REGISTERING);
      attempt(generation);
    });
  }

  /** The trunk changed in what does not touch the registration (routing): remember it, send nothing. */
  public void retarget(Trunk changed) {
    sip.shard().execute(() -> trunk = changed);
  }

  /** Removes the binding at the provider (REGISTER with Expires: 0) if there may be one, then stops. */
  public void stop() {
    sip.shard().execute(() -> {
      replaceAttempt();
      if (!bound) {
        status = TrunkRegistrationStatus.of(State.UNREGISTERED);
        return;
      }
      status = TrunkRegistrationStatus.of(State.UNREGISTERING);
      send(generation, true, Optional.empty(), false);
    });
  }

  /** Stops at once without a word to the provider (the server is shutting down). */
  public void halt() {
    sip.shard().execute(() -> {
      replaceAttempt();
      status = TrunkRegistrationStatus.of(State.UNREGISTERED);
    });
  }

  /** Whether {@code other} is the same binding at the provider: same address, transport and user. */
  static boolean sameBinding(Trunk a, Trunk b) {
    return a.tenantId().equals(b.tenantId()) && a.name().equals(b.name()) && a.host().equals(b.host())
        && a.port() == b.port() && a.transport() == b.transport() && a.username().equals(b.username());
  }

  /** Whether {@code a} and {@code b} register alike: same password, realm and interval. */
  static boolean sameCredentials(Trunk a, Trunk b) {
    return a.password().equals(b.password()) && a.realm().equals(b.realm())
        && a.registerExpiry().equals(b.registerExpiry());
  }

  private void use(Trunk t) {
    this.trunk = t;
    this.authorizer = new DigestAuthorizer(t.username().orElseThrow(), t.password().orElseThrow());
    this.expiry = Math.max(1, t.registerExpiry().toSeconds());
  }

  private void replaceAttempt() {
    generation++;
    timer.cancel();
    timer = Cancellable.NONE;
  }

  private void attempt(long gen) {
    send(gen, false, Optional.empty(), false);
  }

  private Peer peer() {
    return Peer.of(trunk.transport(), new InetSocketAddress(trunk.host(), trunk.port()));
  }

  private Address contact(Peer peer) {
    Address contact = sip.contactFor(peer);
    return contact.withUri(((SipUri) contact.uri()).withUser(trunk.username().orElseThrow()));
  }

  private void send(long gen, boolean removing, Optional<TrunkAuthorization> authorization, boolean intervalRaised) {
    if (gen != generation) return;
    Peer peer;
    try {
      peer = peer();
    } catch (IllegalArgumentException unresolved) {
      failed(gen, removing, "cannot resolve " + trunk.host());
      return;
    }
    SipUri aor = SipUri.of(trunk.username().orElseThrow(), trunk.host(), -1);
    Headers.Builder h = Headers.builder()
        .add(HeaderNames.VIA, sip.viaFor(peer).toString())
        .add(HeaderNames.MAX_FORWARDS, "70")
        .add(HeaderNames.FROM, Address.of(aor).withTag(fromTag).toString())
        .add(HeaderNames.TO, Address.of(aor).toString())
        .add(HeaderNames.CALL_ID, callId)
        .add(HeaderNames.CSEQ, (++cseq) + " REGISTER")
        .add(HeaderNames.CONTACT, contact(peer).toString())
        .add(HeaderNames.EXPIRES, removing ? "0" : Long.toString(expiry))
        .add(HeaderNames.USER_AGENT, sip.userAgent());
    authorization.ifPresent(a -> h.add(a.header(), a.value()));
    SipRequest register = new SipRequest("REGISTER", SipUri.of("", trunk.host(), trunk.port()), h.build(), new byte[0]);
    sip.layer().send(register, peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse r) {
        if (r.isProvisional()) return;
        onFinal(gen, removing, register, r, authorization.isPresent(), intervalRaised, peer);
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        failed(gen, removing, "timeout");
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        failed(gen, removing, "transport error");
      }
    });
  }

  private void onFinal(long gen, boolean removing, SipRequest register, SipResponse r, boolean authorized,
      boolean intervalRaised, Peer peer) {
    if (gen != generation) return;
    if ((r.status() == 401 || r.status() == 407) && !authorized) {
      Optional<TrunkAuthorization> answer = TrunkAuthorization.answer(trunk, authorizer, r, "REGISTER",
          register.requestUri().toString());
      if (answer.isPresent()) {
        send(gen, removing, answer, intervalRaised);
        return;
      }
    }
    if (r.status() == 423 && !removing && !intervalRaised) {
      OptionalLong minimum = number(r.headers().first(HeaderNames.MIN_EXPIRES));
      if (minimum.isPresent() && minimum.getAsLong() > expiry) {
        expiry = minimum.getAsLong();
        send(gen, false, Optional.empty(), true);
        return;
      }
    }
    if (!r.isSuccess()) {
      failed(gen, removing, r.status() + " " + r.reason());
      return;
    }
    if (removing) {
      bound = false;
      status = TrunkRegistrationStatus.of(State.UNREGISTERED);
      log.info("event=trunk_unregistered trunk={} tenant={}", trunk.name(), trunk.tenantId());
      return;
    }
    long granted = granted(r, contact(peer));
    if (granted <= 0) {
      failed(gen, false, "the provider kept no binding");
      return;
    }
    bound = true;
    Instant now = clock.instant();
    Duration refresh = Duration.ofSeconds(Math.max(1, granted * 8 / 10));
    status = new TrunkRegistrationStatus(State.REGISTERED, Optional.of(now.plusSeconds(granted)), Optional.empty(),
        Optional.of(now.plus(refresh)));
    log.info("event=trunk_registered trunk={} tenant={} expires={}", trunk.name(), trunk.tenantId(), granted);
    timer = sip.shard().schedule(refresh, () -> attempt(gen));
  }

  /** The binding time the provider granted our contact: its {@code expires} parameter, else the Expires header, else what we asked. */
  private long granted(SipResponse ok, Address ours) {
    SipUri mine = (SipUri) ours.uri();
    for (Address c : ok.contacts()) {
      if (c.uri() instanceof SipUri u && u.host().equalsIgnoreCase(mine.host()) && u.port() == mine.port()
          && u.user().equals(mine.user())) {
        OptionalLong value = number(c.params().get("expires"));
        if (value.isPresent()) return value.getAsLong();
      }
    }
    return ok.expires().orElse(expiry);
  }

  private static OptionalLong number(Optional<String> text) {
    try {
      return text.map(t -> OptionalLong.of(Long.parseLong(t.strip()))).orElse(OptionalLong.empty());
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private void failed(long gen, boolean removing, String why) {
    if (gen != generation) return;
    if (removing) {
      bound = false;
      status = new TrunkRegistrationStatus(State.UNREGISTERED, Optional.empty(), Optional.of(why), Optional.empty());
      log.warn("event=trunk_unregistration_failed trunk={} tenant={} reason=\"{}\"", trunk.name(), trunk.tenantId(), why);
      return;
    }
    Instant next = clock.instant().plus(RETRY);
    status = new TrunkRegistrationStatus(State.FAILED, Optional.empty(), Optional.of(why), Optional.of(next));
    log.warn("event=trunk_registration_failed trunk={} tenant={} reason=\"{}\"", trunk.name(), trunk.tenantId(), why);
    timer = sip.shard().schedule(RETRY, () -> attempt(gen));
  }
}
