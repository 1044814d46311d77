package io.ramal.pbx.trunk;

import io.ramal.pbx.core.SipContext;
import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.auth.DigestAuthorizer;
import io.ramal.sip.auth.DigestChallenge;
import io.ramal.sip.message.Address;
import io.ramal.sip.message.HeaderNames;
import io.ramal.sip.message.Headers;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipResponse;
import io.ramal.sip.message.SipUri;
import io.ramal.sip.transaction.ClientTransaction;
import io.ramal.sip.transport.Peer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one trunk registered with its provider (RFC 3261 §10.2): REGISTER, answer a digest
 * challenge once per attempt, refresh before expiry, retry after failures. Runs on one shard.
 */
public final class TrunkRegistration {
  private static final Logger log = LoggerFactory.getLogger(TrunkRegistration.class);
  private static final Duration RETRY = Duration.ofSeconds(60);
  private static final long EXPIRES = 3600;
  private final SipContext sip;
  private final Trunk trunk;
  private final String callId;
  private final String fromTag;
  private final DigestAuthorizer authorizer;
  private long cseq;
  private volatile boolean registered;
  private volatile boolean stopped;

  public TrunkRegistration(SipContext sip, Trunk trunk) {
    this.sip = sip;
    this.trunk = trunk;
    this.callId = sip.newCallId();
    this.fromTag = sip.ids().tag();
    this.authorizer = new DigestAuthorizer(trunk.username().orElseThrow(), trunk.password().orElseThrow());
  }

  public boolean isRegistered() {
    return registered;
  }

  public void start() {
    sip.shard().execute(() -> send(Optional.empty()));
  }

  public void stop() {
    stopped = true;
  }

  private Peer peer() {
    return Peer.of(trunk.transport(), new InetSocketAddress(trunk.host(), trunk.port()));
  }

  private void send(Optional<String> authorization) {
    if (stopped) return;
    Peer peer = peer();
    SipUri aor = SipUri.of(trunk.username().orElseThrow(), trunk.host(), -1);
    Address contact = sip.contactFor(peer);
    contact = contact.withUri(((SipUri) contact.uri()).withUser(trunk.username().orElseThrow()));
    Headers.Builder h = Headers.builder()
        .add(HeaderNames.VIA, sip.viaFor(peer).toString())
        .add(HeaderNames.MAX_FORWARDS, "70")
        .add(HeaderNames.FROM, Address.of(aor).withTag(fromTag).toString())
        .add(HeaderNames.TO, Address.of(aor).toString())
        .add(HeaderNames.CALL_ID, callId)
        .add(HeaderNames.CSEQ, (++cseq) + " REGISTER")
        .add(HeaderNames.CONTACT, contact.toString())
        .add(HeaderNames.EXPIRES, Long.toString(EXPIRES))
        .add(HeaderNames.USER_AGENT, sip.userAgent());
    authorization.ifPresent(a -> h.add(a.startsWith("P:") ? HeaderNames.PROXY_AUTHORIZATION : HeaderNames.AUTHORIZATION, a.substring(2)));
    SipRequest register = new SipRequest("REGISTER", SipUri.of("", trunk.host(), trunk.port()), h.build(), new byte[0]);
    sip.layer().send(register, peer, new ClientTransaction.Listener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse r) {
        if (r.isProvisional()) return;
        onFinal(register, r, authorization.isPresent());
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        failed("timeout");
      }

      @Override
      public void onTransportError(ClientTransaction tx) {
        failed("transport error");
      }
    });
  }

  private void onFinal(SipRequest register, SipResponse r, boolean authorized) {
    if (r.isSuccess()) {
      long granted = r.contacts().stream().map(c -> c.params().get("expires")).flatMap(Optional::stream)
          .mapToLong(v -> Long.parseLong(v.strip())).min().orElse(r.expires().orElse(EXPIRES));
      registered = granted > 0;
      log.info("event=trunk_registered trunk={} tenant={} expires={}", trunk.name(), trunk.tenantId(), granted);
      long refresh = Math.max(30, granted * 8 / 10);
      sip.shard().schedule(Duration.ofSeconds(refresh), () -> send(Optional.empty()));
      return;
    }
    if ((r.status() == 401 || r.status() == 407) && !authorized) {
      boolean proxy = r.status() == 407;
      Optional<DigestChallenge> c = DigestChallenge.strongest(
          r.headers().values(proxy ? HeaderNames.PROXY_AUTHENTICATE : HeaderNames.WWW_AUTHENTICATE));
      var creds = c.flatMap(ch -> authorizer.authorize(ch, "REGISTER", register.requestUri().toString()).value());
      if (creds.isPresent()) {
        send(Optional.of((proxy ? "P:" : "W:") + creds.get().toHeaderValue()));
        return;
      }
    }
    failed(r.status() + " " + r.reason());
  }

  private void failed(String why) {
    registered = false;
    log.warn("event=trunk_registration_failed trunk={} tenant={} reason=\"{}\"", trunk.name(), trunk.tenantId(), why);
    sip.shard().schedule(RETRY, () -> send(Optional.empty()));
  }
}
