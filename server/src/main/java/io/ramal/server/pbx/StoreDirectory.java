package io.ramal.server.pbx;

import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.RecordingPolicy;
import io.ramal.pbx.directory.Trunk;
import io.ramal.sip.transport.Transport;
import io.ramal.store.Dids;
import io.ramal.store.Extensions;
import io.ramal.store.IvrMenus;
import io.ramal.store.Queues;
import io.ramal.store.SipDomain;
import io.ramal.store.SipDomains;
import io.ramal.store.Tenants;
import io.ramal.store.TrunkAuth;
import io.ramal.store.Trunks;
import io.ramal.sip.transport.AddressRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The PBX's view of tenants, read from the store. A tenant's digest realm is the alphabetically
 * first of its SIP domains ({@link #realmFor}), the same rule provisioning uses to compute HA1.
 */
public final class StoreDirectory implements Directory {
  private final SipDomains domains;
  private final Extensions extensions;
  private final Trunks trunks;
  private final Dids dids;
  private final Tenants tenants;
  private final IvrMenus menus;
  private final Queues queues;

  public StoreDirectory(DataSource dataSource, Trunks trunks) {
    this.tenants = new Tenants(dataSource);
    this.domains = new SipDomains(dataSource);
    this.extensions = new Extensions(dataSource);
    this.trunks = trunks;
    this.dids = new Dids(dataSource);
    this.menus = new IvrMenus(dataSource);
    this.queues = new Queues(dataSource);
  }

  /** The realm rule: the alphabetically first domain, lower-cased. */
  public static String realmFor(List<String> tenantDomains) {
    return tenantDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).min(Comparator.naturalOrder())
        .orElseThrow(() -> new IllegalArgumentException("a tenant needs at least one SIP domain"));
  }

  /** The tenant of a domain, unless it is disabled: a disabled tenant's phones reach nothing. */
  @Override
  public Optional<String> tenantForDomain(String domain) {
    return domains.activeTenantOf(domain.toLowerCase(Locale.ROOT));
  }

  /** The realm the tenant's extensions were provisioned with; else its alphabetically first domain. */
  @Override
  public String realmOf(String tenantId) {
    return extensions.realmOf(tenantId)
        .orElseGet(() -> realmFor(domains.list(tenantId).stream().map(SipDomain::domain).toList()));
  }

  @Override
  public Optional<Extension> extension(String tenantId, String number) {
    return extensions.find(tenantId, number).map(e -> new Extension(e.tenantId(), e.number(), e.displayName(), e.realm(),
        Map.of("MD5", e.ha1().md5(), "SHA-256", e.ha1().sha256()), e.recordingPolicy().map(StoreDirectory::policy)));
  }

  @Override
  public RecordingPolicy recordingPolicy(String tenantId) {
    return policy(tenants.recordingPolicy(tenantId));
  }

  private static RecordingPolicy policy(io.ramal.store.RecordingPolicy stored) {
    return switch (stored) {
      case ALWAYS -> RecordingPolicy.ALWAYS;
      case NEVER -> RecordingPolicy.NEVER;
      case ON_DEMAND -> RecordingPolicy.ON_DEMAND;
    };
  }

  /** The trunks of enabled tenants, oldest first; a source listed in no valid form is skipped. */
  @Override
  public List<Trunk> trunks() {
    return trunks.active().stream().map(StoreDirectory::trunk).toList();
  }

  static Trunk trunk(io.ramal.store.Trunk t) {
    List<AddressRange> sources = new ArrayList<>();
    for (String source : t.inboundSources()) {
      try {
        sources.add(AddressRange.parse(source));
      } catch (IllegalArgumentException e) {
        // written behind the API's back: it matches nothing
      }
    }
    return new Trunk(t.tenantId(), t.name(), t.host(), t.port(), Transport.valueOf(t.transport().name()),
        t.auth().map(TrunkAuth::username), t.auth().map(TrunkAuth::password).filter(p -> !p.isEmpty()), t.register(),
        t.auth().flatMap(TrunkAuth::realm), t.registerExpiry(), t.outboundPrefixes().stream().sorted().toList(),
        t.callerId(), sources);
  }

  @Override
  public Optional<io.ramal.pbx.directory.DidTarget> didTarget(String tenantId, String did) {
    return dids.find(tenantId, did).map(d -> switch (d.target()) {
      case io.ramal.store.DidTarget.Extension e -> new io.ramal.pbx.directory.DidTarget.Extension(e.name());
      case io.ramal.store.DidTarget.Queue q -> new io.ramal.pbx.directory.DidTarget.Queue(q.name());
      case io.ramal.store.DidTarget.Ivr i -> new io.ramal.pbx.directory.DidTarget.Ivr(i.name());
    });
  }

  @Override
  public Optional<String> queueNumbered(String tenantId, String number) {
    return queues.byNumber(tenantId, number).map(io.ramal.cti.queue.QueueSettings::name);
  }

  @Override
  public Optional<io.ramal.cti.ivr.IvrMenu> ivrMenu(String tenantId, String name) {
    return menus.find(tenantId, name);
  }
}
