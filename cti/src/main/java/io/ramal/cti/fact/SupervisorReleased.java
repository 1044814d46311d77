package io.ramal.cti.fact;

import io.ramal.cti.Identifiers;
import java.time.Instant;
import java.util.Objects;

/**
 * The supervision of call {@code callId} from the phone at {@code device} ended (stopped, the supervisor
 * hung up, or the call ended): the device is no longer busy with it.
 */
public record SupervisorReleased(String tenant, String device, String callId, Instant at) implements DeviceFact {
    public SupervisorReleased {
        Identifiers.nonBlank(tenant, "tenant");
        Identifiers.nonBlank(device, "device");
        Identifiers.nonBlank(callId, "callId");
        Objects.requireNonNull(at, "at");
    }
}
