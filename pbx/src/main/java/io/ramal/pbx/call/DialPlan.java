package io.ramal.pbx.call;

import io.ramal.pbx.directory.DidTarget;
import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Trunk;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers to destinations: an extension of the caller's tenant, a queue of the tenant by its number
 * (the caller waits there as a DID caller does), or — for numbers of 8 or more digits with an
 * optional leading '+' — the tenant's trunk whose outbound prefix fits the number best (the longest
 * prefix; a trunk without prefixes carries every number; on a tie the oldest trunk). Anything else
 * is 404.
 */
public final class DialPlan {
  /** The reason of the 404 for an external number no trunk of the tenant carries. */
  public static final String NO_TRUNK_REASON = "No Route To External Numbers";
  private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{8,20}");
  private final Directory directory;

  public DialPlan(Directory directory) {
    this.directory = directory;
  }

  public Destination route(String tenantId, String dialed) {
    if (directory.extension(tenantId, dialed).isPresent()) return new Destination.ToExtension(tenantId, dialed);
    Optional<String> queue = directory.queueNumbered(tenantId, dialed);
    if (queue.isPresent()) return new Destination.ToQueue(tenantId, queue.get());
    if (EXTERNAL.matcher(dialed).matches()) {
      Optional<Trunk> trunk = outboundTrunk(directory.trunks(), tenantId, dialed);
      if (trunk.isPresent()) return new Destination.ToTrunk(trunk.get(), dialed);
      return new Destination.Unroutable(404, NO_TRUNK_REASON);
    }
    return new Destination.Unroutable(404, "Not Found");
  }

  /** Voice menu {@code name} of the tenant (a menu leads to another by name). */
  public java.util.Optional<io.ramal.cti.ivr.IvrMenu> menu(String tenantId, String name) {
    return directory.ivrMenu(tenantId, name);
  }

  /** The trunk of {@code tenantId} among {@code trunks} (oldest first) that best fits {@code number}. */
  static Optional<Trunk> outboundTrunk(List<Trunk> trunks, String tenantId, String number) {
    Trunk best = null;
    int bestFit = -1;
    for (Trunk t : trunks) {
      if (!t.tenantId().equals(tenantId)) continue;
      int fit = t.outboundFit(number);
      if (fit > bestFit) {
        best = t;
        bestFit = fit;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The trunk an INVITE from a source came through, among the trunks that source matches (oldest
   * first): the first whose tenant has the dialled DID, else the first. Several tenants may buy
   * numbers from one provider, whose calls then come from the same address.
   */
  public Optional<Trunk> inboundTrunk(List<Trunk> matching, String did) {
    for (Trunk t : matching) {
      if (directory.didTarget(t.tenantId(), did).isPresent()) return Optional.of(t);
    }
    return matching.stream().findFirst();
  }

  /** The destination of a call arriving from a trunk to one of its tenant's DIDs. */
  public Destination routeInbound(Trunk trunk, String did) {
    return directory.didTarget(trunk.tenantId(), did)
        .<Destination>map(target -> switch (target) {
          case DidTarget.Extension e -> new Destination.ToExtension(trunk.tenantId(), e.number());
          case DidTarget.Queue q -> new Destination.ToQueue(trunk.tenantId(), q.name());
          case DidTarget.Ivr i -> directory.ivrMenu(trunk.tenantId(), i.name())
              .<Destination>map(menu -> new Destination.ToIvr(trunk.tenantId(), menu, did))
              .orElse(new Destination.Unroutable(404, "Unknown Voice Menu"));
        })
        .orElse(new Destination.Unroutable(404, "Unknown DID"));
  }
}
