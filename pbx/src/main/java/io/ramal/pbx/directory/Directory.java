package io.ramal.pbx.directory;

import java.util.List;
import java.util.Optional;

/** What the PBX needs to know about tenants; implemented over the store by the server module. */
public interface Directory {
  /** The tenant serving a SIP domain (host of a Request-URI or AOR), case-insensitive. */
  Optional<String> tenantForDomain(String domain);

  /** The digest realm of a tenant (its first SIP domain). */
  String realmOf(String tenantId);

  Optional<Extension> extension(String tenantId, String number);

  List<Trunk> trunks();

  /** The extension a DID of a tenant's trunk leads to. */
  Optional<String> didTarget(String tenantId, String did);
}
