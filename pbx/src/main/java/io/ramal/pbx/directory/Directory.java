package io.ramal.pbx.directory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the PBX needs to know about tenants; implemented over the store by the server module. */
public interface Directory {
  /** The tenant serving a SIP domain (host of a Request-URI or AOR), case-insensitive. */
  Optional<String> tenantForDomain(String domain);

  /** The digest realm of a tenant (its first SIP domain). */
  String realmOf(String tenantId);

  Optional<Extension> extension(String tenantId, String number);

  /** Every trunk of every enabled tenant, oldest first. */
  List<Trunk> trunks();

  /** Where a DID of a tenant's trunk leads: an extension, a queue or a voice menu. */
  Optional<DidTarget> didTarget(String tenantId, String did);

  /** The name of the tenant's queue that its phones reach by dialling {@code number}. */
  default Optional<String> queueNumbered(String tenantId, String number) {
    return Optional.empty();
  }

  /** Voice menu {@code name} of the tenant. */
  default Optional<io.ramal.cti.ivr.IvrMenu> ivrMenu(String tenantId, String name) {
    return Optional.empty();
  }

  /** Whether the tenant's calls are recorded unasked (extensions may say otherwise). */
  default RecordingPolicy recordingPolicy(String tenantId) {
    return RecordingPolicy.ON_DEMAND;
  }

  /**
   * The trunks a request from {@code address}:{@code port} comes through, oldest first: those
   * whose host resolves to the address and whose port is the port, and those that list the address
   * among their inbound sources (any port).
   */
  default List<Trunk> trunksAt(InetAddress address, int port) {
    List<Trunk> matching = new ArrayList<>();
    for (Trunk t : trunks()) {
      if (t.listsSource(address)) {
        matching.add(t);
        continue;
      }
      if (t.port() != port) continue;
      try {
        for (InetAddress a : InetAddress.getAllByName(t.host())) {
          if (a.equals(address)) {
            matching.add(t);
            break;
          }
        }
      } catch (UnknownHostException e) {
        // an unresolvable trunk host never matches
      }
    }
    return matching;
  }
}
