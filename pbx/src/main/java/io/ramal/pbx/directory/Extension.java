package io.ramal.pbx.directory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An extension of a tenant as the PBX sees it: its number, display name, the stored digest HA1
 * per algorithm token ("MD5", "SHA-256") for the tenant's realm (never a plain password), and its
 * own recording policy (empty: its tenant's).
 */
public record Extension(String tenantId, String number, String displayName, String realm, Map<String, String> ha1,
    Optional<RecordingPolicy> recordingPolicy) {
  public Extension {
    ha1 = Map.copyOf(ha1);
    Objects.requireNonNull(recordingPolicy, "recordingPolicy");
  }

  /** An extension following its tenant's recording policy. */
  public Extension(String tenantId, String number, String displayName, String realm, Map<String, String> ha1) {
    this(tenantId, number, displayName, realm, ha1, Optional.empty());
  }
}
