package io.ramal.server.pbx;

import io.ramal.server.config.Config;
import io.ramal.server.config.DidConfig;
import io.ramal.server.config.ExtensionConfig;
import io.ramal.server.config.TenantConfig;
import io.ramal.server.config.TrunkConfig;
import io.ramal.store.Did;
import io.ramal.store.Dids;
import io.ramal.store.Extension;
import io.ramal.store.Extensions;
import io.ramal.store.IvrMenus;
import io.ramal.store.Queues;
import io.ramal.store.RecordingPolicy;
import io.ramal.store.SipDomain;
import io.ramal.store.SipDomains;
import io.ramal.store.Tenant;
import io.ramal.store.Tenants;
import io.ramal.store.Trunk;
import io.ramal.store.TrunkAuth;
import io.ramal.store.TrunkTransport;
import io.ramal.store.Trunks;
import io.ramal.sip.transport.AddressRange;
import java.time.InstantSource;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Writes the {@code tenants} section of the config into the store at start (insert or update), so
 * the config file is the source of truth for what it lists (recording policies and queue settings
 * and voice menus included; queue members and menu prompts are the API's); rows it
 * does not mention are kept. When the config {@link Config#seedsOnce() only seeds} (the demo), rows
 * are written only where missing, so what an admin changed through the API survives a restart.
 */
public final class Provisioning {
  private Provisioning() {}

  public static void apply(Config config, DataSource ds, Trunks trunks, InstantSource clock) {
    Tenants tenants = new Tenants(ds);
    SipDomains domains = new SipDomains(ds);
    Extensions extensions = new Extensions(ds);
    Dids dids = new Dids(ds);
    Queues queues = new Queues(ds);
    IvrMenus menus = new IvrMenus(ds);
    for (TenantConfig t : config.tenants()) {
      if (tenants.find(t.id()).isEmpty()) tenants.save(new Tenant(t.id(), t.name(), clock.instant()));
      tenants.saveRecordingPolicy(t.id(), policy(t.record()));
      for (String d : t.domains()) domains.save(new SipDomain(d, t.id()));
      String realm = config.realmOf(t);
      boolean once = config.seedsOnce();
      for (ExtensionConfig e : t.extensions()) {
        if (once && extensions.find(t.id(), e.number()).isPresent()) continue;
        extensions.save(Extension.withPassword(t.id(), e.number(), e.name(), realm, e.password())
            .withRecordingPolicy(e.record().map(Provisioning::policy)));
      }
      for (TrunkConfig tr : t.trunks()) {
        if (once && trunks.find(t.id(), tr.name()).isPresent()) continue;
        Optional<TrunkAuth> auth = tr.username().flatMap(u -> tr.password().map(p -> new TrunkAuth(u, p, tr.realm())));
        trunks.save(new Trunk(t.id(), tr.name(), tr.host(), tr.port(), TrunkTransport.valueOf(tr.transport().name()), auth,
            tr.register(), tr.registerExpiry(), Set.copyOf(tr.outboundPrefixes()), tr.callerId(),
            tr.inboundSources().stream().map(s -> AddressRange.parse(s).toString()).collect(Collectors.toSet())));
      }
      for (io.ramal.cti.ivr.IvrMenu menu : t.ivrs()) { // before the DIDs, which may lead to them
        if (once && menus.find(t.id(), menu.name()).isPresent()) continue;
        menus.save(t.id(), menu, clock.instant());
      }
      for (DidConfig d : t.dids()) {
        if (once && dids.find(t.id(), d.number()).isPresent()) continue;
        dids.save(new Did(t.id(), d.number(), d.target()));
      }
      for (io.ramal.cti.queue.QueueSettings q : t.queues()) {
        if (once && queues.find(t.id(), q.name()).isPresent()) continue;
        queues.save(t.id(), q, clock.instant());
      }
    }
  }

  private static RecordingPolicy policy(io.ramal.server.config.RecordPolicy configured) {
    return switch (configured) {
      case ALWAYS -> RecordingPolicy.ALWAYS;
      case NEVER -> RecordingPolicy.NEVER;
      case ON_DEMAND -> RecordingPolicy.ON_DEMAND;
    };
  }
}
