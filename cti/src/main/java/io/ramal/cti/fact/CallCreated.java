package io.ramal.cti.fact;

import io.ramal.cti.Direction;
import io.ramal.cti.Endpoint;
import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call came into being with its originating leg: a device dialled (or the server placed a
 * click-to-call from a device), or an external number called in through a trunk.
 *
 * @param legId the originating leg
 * @param caller the device or external number that places the call
 * @param callerName the caller's display name, if known
 * @param dialled the number as dialled (an extension, an external number, a DID)
 * @param dialledName the name of the dialled target, if the dial plan knows it
 * @param direction as decided by the dial plan
 * @param consultationOf for a consultation call, the call the caller put on hold to place it
 */
public record CallCreated(
        String tenant, String callId, Instant at, String legId, Endpoint caller, Optional<String> callerName,
        String dialled, Optional<String> dialledName, Direction direction, Optional<String> consultationOf)
        implements CallFact {
    public CallCreated {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
        Identifiers.nonBlank(legId, "legId");
        Objects.requireNonNull(caller, "caller");
        Identifiers.nonBlank(callerName, "callerName");
        Identifiers.nonBlank(dialled, "dialled");
        Identifiers.nonBlank(dialledName, "dialledName");
        Objects.requireNonNull(direction, "direction");
        Identifiers.nonBlank(consultationOf, "consultationOf");
    }
}
