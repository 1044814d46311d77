package io.ramal.cti.fact;

import io.ramal.cti.DiversionReason;
import io.ramal.cti.Endpoint;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The call, offered to {@code from} and not answered there, was sent to {@code to}: forwarded,
 * picked up by another device, or deflected. The legs towards {@code from} need no further
 * release facts; the PBX goes on with a {@link LegCreated} towards {@code to}.
 */
public record CallRedirected(
        String tenant, String callId, Instant at, Endpoint from, Endpoint to, DiversionReason reason)
        implements CallFact {
    public CallRedirected {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
    }
}
