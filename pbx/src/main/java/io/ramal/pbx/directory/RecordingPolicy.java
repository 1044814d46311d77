package io.ramal.pbx.directory;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a tenant's or an extension's calls are recorded without anyone asking. An extension
 * without a policy of its own follows its tenant's; on a call, {@link #NEVER} of any party beats
 * {@link #ALWAYS} of another.
 */
public enum RecordingPolicy {
  ALWAYS, NEVER, ON_DEMAND;

  /**
   * What a call's parties decide together, and why (for a refusal message or a log line).
   *
   * @param reason which setting decided, e.g. {@code extension 1002 is set to never}
   */
  public record Decision(RecordingPolicy policy, String reason) {
    public Decision {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The policy of a call between {@code extensions} (number → its own policy, if any; in the
   * order the parties joined) of a tenant whose policy is {@code tenant}. Without any extension
   * party the tenant decides.
   */
  public static Decision decide(String tenantId, RecordingPolicy tenant, Map<String, Optional<RecordingPolicy>> extensions) {
    Decision always = null;
    for (Map.Entry<String, Optional<RecordingPolicy>> e : extensions.entrySet()) {
      RecordingPolicy own = e.getValue().orElse(tenant);
      String why = e.getValue().isPresent() ? "extension " + e.getKey() + " is set to " + own.wire()
          : "extension " + e.getKey() + " follows tenant " + tenantId + ", set to " + own.wire();
      if (own == NEVER) return new Decision(NEVER, why);
      if (own == ALWAYS && always == null) always = new Decision(ALWAYS, why);
    }
    if (always != null) return always;
    if (extensions.isEmpty()) return new Decision(tenant, "tenant " + tenantId + " is set to " + tenant.wire());
    return new Decision(ON_DEMAND, "no party is set to always or never");
  }

  /** The configuration spelling: {@code always}, {@code never}, {@code on_demand}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
