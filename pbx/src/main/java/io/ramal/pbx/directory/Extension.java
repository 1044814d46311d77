package io.ramal.pbx.directory;

import java.util.Map;

/**
 * An extension of a tenant as the PBX sees it: its number, display name and the stored digest
 * HA1 per algorithm token ("MD5", "SHA-256") for the tenant's realm. Never a plain password.
 */
public record Extension(String tenantId, String number, String displayName, String realm, Map<String, String> ha1) {
  public Extension {
    ha1 = Map.copyOf(ha1);
  }
}
