package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import io.ramal.cti.ReleaseCause;
import java.time.Instant;
import java.util.Objects;

/**
 * The leg ended: hung up, cancelled, failed, timed out. When the last leg of a party ends, the
 * party leaves the call; when the last party leaves, the call ends.
 *
 * @param cause why; for a leg that never answered, a failure cause makes a {@code call.failed}
 */
public record LegReleased(String tenant, String callId, Instant at, String legId, ReleaseCause cause)
        implements LegFact {
    public LegReleased {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        Objects.requireNonNull(cause, "cause");
    }
}
