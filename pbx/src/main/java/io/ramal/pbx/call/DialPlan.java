package io.ramal.pbx.call;

import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Trunk;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Numbers to destinations: an extension of the caller's tenant, or — for numbers of 8 or more
 * digits with an optional leading '+' — the tenant's first trunk. Anything else is 404.
 */
public final class DialPlan {
  /** The reason of the 404 for an external number in a tenant without a trunk. */
  public static final String NO_TRUNK_REASON = "No Route To External Numbers";
  private static final Pattern EXTERNAL = Pattern.compile("\\+?[0-9]{8,20}");
  private final Directory directory;

  public DialPlan(Directory directory) {
    this.directory = directory;
  }

  public Destination route(String tenantId, String dialed) {
    if (directory.extension(tenantId, dialed).isPresent()) return new Destination.ToExtension(tenantId, dialed);
    if (EXTERNAL.matcher(dialed).matches()) {
      Optional<Trunk> trunk = directory.trunks().stream().filter(t -> t.tenantId().equals(tenantId)).findFirst();
      if (trunk.isPresent()) return new Destination.ToTrunk(trunk.get(), dialed);
      return new Destination.Unroutable(404, NO_TRUNK_REASON);
    }
    return new Destination.Unroutable(404, "Not Found");
  }

  /** The destination of a call arriving from a trunk to one of its tenant's DIDs. */
  public Destination routeInbound(Trunk trunk, String did) {
    return directory.didTarget(trunk.tenantId(), did)
        .<Destination>map(ext -> new Destination.ToExtension(trunk.tenantId(), ext))
        .orElse(new Destination.Unroutable(404, "Unknown DID"));
  }
}
