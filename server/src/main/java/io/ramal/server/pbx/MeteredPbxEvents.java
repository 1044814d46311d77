package io.ramal.server.pbx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ramal.pbx.core.PbxEvents;
import io.ramal.sip.transport.Peer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and logs what the PBX reports. Logs carry user names and addresses, never credentials. */
public final class MeteredPbxEvents implements PbxEvents {
  private static final Logger log = LoggerFactory.getLogger("io.ramal.sip");
  private final MeterRegistry registry;
  private final Counter authFailures;
  private final Counter retransmissions;
  private final Counter registrations;

  public MeteredPbxEvents(MeterRegistry registry) {
    this.registry = registry;
    this.authFailures = Counter.builder("ramal_sip_auth_failures").description("Digest authentication failures").register(registry);
    this.retransmissions = Counter.builder("ramal_sip_retransmissions").description("SIP retransmissions sent").register(registry);
    this.registrations = Counter.builder("ramal_sip_register_accepted").description("Accepted REGISTER requests").register(registry);
  }

  @Override
  public void messageRejected(Peer from, int status, String reason) {
    String kind = status == 0 ? "blocked" : Integer.toString(status);
    Counter.builder("ramal_sip_rejected").description("SIP messages refused or dropped").tag("status", kind)
        .register(registry).increment();
    if (status == 400 || status == 505 || status == 513) {
      log.debug("event=sip_rejected from={} status={} reason=\"{}\"", from, status, reason);
    }
  }

  @Override
  public void authenticationFailed(String tenantId, String user, Peer from, String reason) {
    authFailures.increment();
    log.info("event=auth_failed tenant={} user={} from={} reason={}", tenantId, user.replaceAll("[^\\w.+-]", "?"), from, reason);
  }

  @Override
  public void registered(String tenantId, String user, Peer from, long expiresSeconds) {
    registrations.increment();
    log.debug("event=registered tenant={} user={} from={} expires={}", tenantId, user, from, expiresSeconds);
  }

  @Override
  public void retransmission(String method) {
    retransmissions.increment();
  }
}
